using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// What HTTP asks of every resource (RFC 9110 §9.3): HEAD wherever GET works (same status and headers, no body),
/// OPTIONS answered with the methods the path allows, and a 405 that names them in <c>Allow</c>.
/// </summary>
public static partial class HttpMethodSupport
{
    /// <summary>The display name of the endpoint ASP.NET routing selects when the path is known but the method is not.</summary>
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    /// <summary>Rewrites HEAD to GET (body discarded) and then routes: call it first in the pipeline, it places UseRouting.</summary>
    public static WebApplication UseHeadAndRouting(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            // The GET endpoint runs as is and sets its status and headers; only its body goes nowhere.
            context.Request.Method = HttpMethods.Get;
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });
        app.UseRouting();
        return app;
    }

    /// <summary>405 with Allow, and plain OPTIONS; place it inside UseStatusCodePages, which writes the 405's OperationOutcome.</summary>
    public static WebApplication UseMethodNotAllowed(this WebApplication app)
    {
        // Built on first use from this app's endpoints (fixed once it runs); only unmatched requests need them.
        var routes = new Lazy<List<Route>>(() => Routes(app.Services.GetRequiredService<EndpointDataSource>()));
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            var preflight = context.Request.Headers.ContainsKey("Access-Control-Request-Method");
            if ((endpoint is not null && endpoint.DisplayName != MethodNotAllowedEndpoint) || preflight)
            {
                await next(context);
                return;
            }

            // No endpoint for this method. The router's own 405 does not see route constraints (it would offer GET on
            // ValueSet/$batch-validate-code because of ValueSet/{id}); the methods are worked out here instead.
            var allowed = AllowedMethods(routes.Value, context.Request.Path);
            if (allowed.Count == 0)
            {
                await next(context);
                return;
            }

            context.Response.Headers.Allow = string.Join(", ", allowed);
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                // Plain OPTIONS (not a CORS preflight, which UseCors answers): 200 with Allow, no body.
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentLength = 0;
                return;
            }

            // The status code page writes the OperationOutcome.
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        });
        return app;
    }

    private sealed record Route(TemplateMatcher Matcher, RoutePattern Pattern, IReadOnlyList<string> Methods);

    private static List<Route> Routes(EndpointDataSource endpoints) => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => (Endpoint: e, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
        .Where(e => e.Methods is { Count: > 0 })
        .Select(e => new Route(new TemplateMatcher(new RouteTemplate(e.Endpoint.RoutePattern), []), e.Endpoint.RoutePattern, e.Methods!))
        .ToList();

    private static List<string> AllowedMethods(List<Route> routes, PathString path)
    {
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (matcher, pattern, verbs) in routes)
        {
            var values = new RouteValueDictionary();
            if (matcher.TryMatch(path, values) && ConstraintsHold(pattern, values))
            {
                methods.UnionWith(verbs);
            }
        }

        if (methods.Count == 0)
        {
            return [];
        }

        return WithHeadAndOptions(string.Join(",", new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }.Where(methods.Contains))).Split(", ").ToList();
    }

    private static bool ConstraintsHold(RoutePattern pattern, RouteValueDictionary values) =>
        pattern.Parameters.All(p => p.ParameterPolicies.All(policy => policy.Content != FhirIdConstraint.Name
            || new FhirIdConstraint().Match(null, null, p.Name, values, RouteDirection.IncomingRequest)));

    private static string WithHeadAndOptions(string allow)
    {
        var methods = allow.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (methods.Contains(HttpMethods.Get) && !methods.Contains(HttpMethods.Head))
        {
            methods.Insert(methods.IndexOf(HttpMethods.Get) + 1, HttpMethods.Head);
        }

        if (!methods.Contains(HttpMethods.Options))
        {
            methods.Add(HttpMethods.Options);
        }

        return string.Join(", ", methods);
    }

    /// <summary>
    /// Route constraint <c>fhirid</c>: a segment that can be a logical id, i.e. not an operation (<c>$name</c>) nor a
    /// reserved name (<c>_history</c>, <c>_search</c>): <c>GET ValueSet/$batch-validate-code</c> is then a 405, not a
    /// read of a resource with that id. (Stored ids are not held to the FHIR id pattern here: imported content may break it.)
    /// </summary>
    public sealed partial class FhirIdConstraint : IRouteConstraint
    {
        public const string Name = "fhirid";

        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && value is string s && Id().IsMatch(s);

        [GeneratedRegex(@"^[^$_]")]
        private static partial Regex Id();
    }
}
