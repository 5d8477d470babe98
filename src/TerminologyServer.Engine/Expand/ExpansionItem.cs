using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// One member of a value set: the code system version it comes from, the concept (null for a code listed
/// by the value set in a code system the server holds only partly) and the value set's own entry for it.
/// </summary>
internal sealed record ExpansionItem(CodeSystemIndex System, string Code, Concept? Concept, ValueSet.ConceptReferenceComponent? Listed)
{
    public bool IsInactive => Concept?.IsInactive ?? false;
    public bool IsAbstract => Concept?.IsAbstract ?? false;
    public string? Display => string.IsNullOrEmpty(Listed?.Display) ? Concept?.Display : Listed.Display;
}
