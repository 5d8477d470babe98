namespace TerminologyServer.Api.Startup;

/// <summary>Configuration section <c>Content</c>: the FHIR resources shipped with the server.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>Load the shipped resources at start (default true).</summary>
    public bool LoadShipped { get; set; } = true;

    /// <summary>
    /// Import the code systems shipped as source files (ICD-10-CM, ICD-10-PCS, HCPCS Level II in
    /// <c>fhir-resources/code-systems/</c>) on the first start (default true; with <see cref="LoadShipped"/> only).
    /// </summary>
    public bool LoadCodeSystems { get; set; } = true;

    /// <summary>Folder of shipped resources; default <c>fhir-resources</c> beside the server binary.</summary>
    public string? Folder { get; set; }

    /// <summary>Load the FHIR R4 core terminology (1062 CodeSystems, 1316 ValueSets, 19 ConceptMaps) at start (default true).</summary>
    public bool LoadFhirCore { get; set; } = true;

    /// <summary>The specification.zip of Hl7.Fhir.Specification.Data.R4; default beside the server binary.</summary>
    public string? SpecificationZip { get; set; }

    public string ResolveSpecificationZip() => SpecificationZip ?? Path.Combine(AppContext.BaseDirectory, "specification.zip");

    public string ResolveFolder() => Folder ?? Path.Combine(AppContext.BaseDirectory, "fhir-resources");
}
