namespace TerminologyServer.Api.Imports;

/// <summary>Configuration section <c>Import</c>: the HTTP import route's own limits.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Largest body accepted by <c>POST /fhir/CodeSystem/$import</c> (the FHIR body limit does not apply to it).</summary>
    public long MaxBodyBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Where uploaded files wait while they are imported; default: a folder in the system temp folder.</summary>
    public string? TempFolder { get; set; }

    /// <summary>How long the result of a finished import stays readable at its status URL.</summary>
    public int KeepResultsMinutes { get; set; } = 60;

    public string ResolveTempFolder() => TempFolder is { Length: > 0 } f ? f : Path.Combine(Path.GetTempPath(), "terminology-import");
}
