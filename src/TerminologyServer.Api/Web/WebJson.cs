using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace TerminologyServer.Api.Web;

/// <summary>
/// JSON of the pages' API: web defaults (camelCase), and < > & ' written as \u escapes because answers echo
/// queries; letters of every script stay readable.
/// </summary>
public static class WebJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IResult Result<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, Options, statusCode: status);
}
