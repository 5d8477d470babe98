namespace TerminologyServer.Api.Startup;

/// <summary>Configuration section <c>Content</c>: the FHIR resources shipped with the server.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>Load the shipped resources at start (default true).</summary>
    public bool LoadShipped { get; set; } = true;

    /// <summary>Folder of shipped resources; default <c>fhir-resources</c> beside the server binary.</summary>
    public string? Folder { get; set; }

    public string ResolveFolder() => Folder ?? Path.Combine(AppContext.BaseDirectory, "fhir-resources");
}
