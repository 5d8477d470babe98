namespace TerminologyServer.Api.Web;

/// <summary>The web pages and their JSON API (outside <c>/fhir</c>): search page, code pages, <c>/api/search</c>, similar codes.</summary>
public static class WebEndpoints
{
    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.MapGet("/", SearchPage.Render);
        app.MapGet("/codes/{system}/{*code}", CodePage.Render);
        app.MapGet("/codes", BrowsePages.Systems);
        app.MapGet("/codes/{system}", BrowsePages.System);
        app.MapGet("/valuesets", ValueSetPage.Render);
        app.MapGet("/api/search", SearchApi.Search);
        app.MapGet("/api/codes/{system}/{code}/similar", SearchApi.SimilarCodes);
        app.MapGet("/api/codes/{system}/{code}", SearchApi.Code);
        return app;
    }
}
