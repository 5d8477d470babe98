using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Validate;

/// <summary>One coding to check, with the FHIRPath of the element it came from ("" for the bare code parameters).</summary>
internal sealed record CodingInput(string? System, string? Version, string? Code, string? Display, string Path)
{
    public string At(string element) => Path.Length == 0 ? element : $"{Path}.{element}";

    /// <summary>Where issues about the coding as a whole point.</summary>
    public string Whole => Path.Length == 0 ? "code" : Path;
}

/// <summary>What the check of one coding found.</summary>
internal sealed record CodingOutcome(
    bool Valid, string? System, string? Code, CodeSystemIndex? CodeSystem, Concept? Concept, string? Display, string? Status,
    string? GivenCode = null, bool IsMember = false);
