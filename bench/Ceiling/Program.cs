// A minimal endpoint with a fixed FHIR JSON body (an OperationOutcome of 326 bytes): the ceiling that
// bench/issue18.sh divides every row by. No middleware, no serializer.
var body = System.Text.Encoding.UTF8.GetBytes(
    """{"resourceType":"OperationOutcome","id":"ceiling","meta":{"lastUpdated":"2026-01-01T00:00:00Z"},"text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">ok...</div>"},"issue":[{"severity":"information","code":"informational","details":{"text":"The ceiling endpoint of bench/issue18.sh answers this."}}]}""");
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", (HttpContext c) =>
{
    c.Response.ContentType = "application/fhir+json; charset=utf-8";
    return c.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
