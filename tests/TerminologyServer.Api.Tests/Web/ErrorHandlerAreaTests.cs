using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TerminologyServer.Api.Errors;
using TerminologyServer.Engine;

namespace TerminologyServer.Api.Tests.Web;

/// <summary>The exception handler answers in the form of the area the request was for (no server needed).</summary>
public sealed class ErrorHandlerAreaTests
{
    [Theory]
    [InlineData("/codes/cpt/x", "text/html", "<h1>Bad request</h1>")]
    [InlineData("/api/search", "application/json", "\"message\":")]
    [InlineData("/fhir/CodeSystem/$lookup", "application/fhir+json", "\"resourceType\":\"OperationOutcome\"")]
    public async Task Given_a_request_failure_When_handled_Then_400_in_the_form_of_the_area_with_the_input_escaped(string path, string media, string says)
    {
        var (status, type, body) = await HandleAsync(path, TerminologyException.Invalid("TEST", "The code <script>alert(1)</script> is not valid."));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.StartsWith(media, type);
        Assert.Contains(says, body);
        Assert.DoesNotContain("<script>", body);
    }

    [Theory]
    [InlineData("/codes/cpt/x", "text/html")]
    [InlineData("/api/search", "application/json")]
    public async Task Given_an_unexpected_failure_on_the_site_When_handled_Then_500_with_a_correlation_id_and_no_exception_text(string path, string media)
    {
        var (status, type, body) = await HandleAsync(path, new InvalidOperationException("secret internals"));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.StartsWith(media, type);
        Assert.Contains("correlation id trace-1", body);
        Assert.DoesNotContain("secret internals", body);
    }

    private static async Task<(int Status, string ContentType, string Body)> HandleAsync(string path, Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services, TraceIdentifier = "trace-1" };
        context.Request.Path = path;
        context.Request.Method = "GET";
        using var body = new MemoryStream();
        context.Response.Body = body;

        Assert.True(await new FhirExceptionHandler(NullLogger<FhirExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));
        return (context.Response.StatusCode, context.Response.ContentType ?? "", Encoding.UTF8.GetString(body.ToArray()));
    }
}
