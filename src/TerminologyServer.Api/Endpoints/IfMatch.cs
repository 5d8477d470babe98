using System.Globalization;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// FHIR version-aware updates (<see href="https://hl7.org/fhir/R4/http.html#concurrency"/>): a PUT with
/// <c>If-Match: W/"N"</c> only lands when the stored version is N; otherwise 412 Precondition Failed.
/// </summary>
internal static class IfMatch
{
    /// <summary>The version named by the request's If-Match header, or null when there is none.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("If-Match", out var values))
        {
            return null;
        }

        var raw = values.ToString().Trim();
        var tag = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
        if (tag.Length >= 3 && tag[0] == '"' && tag[^1] == '"'
            && int.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        throw FhirHttpException.BadRequest($"If-Match '{raw}' is not a version ETag; use W/\"N\" with the versionId N the update is based on.");
    }

    /// <summary>Saves <paramref name="resource"/>; when <paramref name="expected"/> is given and is not the stored version, 412.</summary>
    public static async Task<WriteOutcome> SaveAsync(ResourceStore store, Resource resource, int? expected, CancellationToken ct)
    {
        try
        {
            return (await store.SaveAllAsync([new ResourceWrite(resource, expected)], ct))[0];
        }
        catch (ResourceVersionConflictException e) when (e.ExpectedVersionMismatch)
        {
            throw new FhirHttpException(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.Conflict,
                $"If-Match W/\"{expected}\" does not hold: {e.Message}");
        }
    }
}
