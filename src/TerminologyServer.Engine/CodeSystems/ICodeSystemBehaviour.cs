using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// What a code system defined (in part) by code does beyond its list of concepts: codes the list does not hold
/// (CPT expressions such as <c>62321:50</c>, UCUM units, BCP-47 tags), rules a code must follow, filters with a
/// meaning of their own, and whether its codes can be enumerated at all. Every index of a url that has a
/// behaviour consults it (see <see cref="CodeSystemBehaviours"/>), so the operations need no code-system-specific
/// branches: <see cref="CodeSystemIndex.Find"/>, <c>$validate-code</c>, <c>$lookup</c>, the filter compiler and
/// the expander each ask it in one place.
/// </summary>
internal interface ICodeSystemBehaviour
{
    /// <summary>The canonical url of the code system this behaviour belongs to.</summary>
    string Url { get; }

    /// <summary>
    /// False for a code system defined by a grammar (UCUM, BCP-47, media types): its codes can be checked one by
    /// one but not listed, so a value set that takes all of it or filters it cannot be expanded.
    /// </summary>
    bool IsEnumerable { get; }

    /// <summary>Called once when an index is built, to derive facts from the stored concepts (e.g. abstractness).</summary>
    void Prepare(CodeSystemIndex cs);

    /// <summary>
    /// The concept for a <paramref name="code"/> the index does not hold but the code system defines (a
    /// well-formed post-coordinated expression of held concepts, a code of the grammar); null otherwise.
    /// Called only for codes the index does not hold, so listed codes never reach it.
    /// </summary>
    Concept? Resolve(CodeSystemIndex cs, string code);

    /// <summary>
    /// Problems with <paramref name="code"/> that the grammar or the rules of the code system find: syntax
    /// errors (with the right form), unknown parts, rule violations. Empty for a plain held code.
    /// </summary>
    IReadOnlyList<CodeIssue> Check(CodeSystemIndex cs, string code);

    /// <summary>A filter with a meaning of its own in this code system, or null to use the general one.</summary>
    CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value);

    /// <summary>Adds the $lookup properties the code system computes rather than stores (<paramref name="requested"/> empty: the default set).</summary>
    void AddLookupProperties(CodeSystemIndex cs, Concept concept, IReadOnlyList<string> requested, List<Lookup.LookupProperty> into)
    {
    }

    /// <summary>
    /// When <paramref name="display"/> is only an inactive (retired) display of the concept, its active displays
    /// (sorted), so that $validate-code can say the display is no longer correct; null otherwise.
    /// </summary>
    IReadOnlyList<string>? InactiveDisplayMatch(CodeSystemIndex cs, Concept concept, string display) => null;

    /// <summary>A name of the version for messages (SNOMED CT: the edition, e.g. "International Edition"), or null.</summary>
    string? VersionLabel(CodeSystemIndex cs) => null;

    /// <summary>
    /// Why an expansion of <paramref name="include"/> cannot be complete (a grammar admits codes no list holds): a
    /// reason, "" for incomplete without a stated reason, null when the include is closed.
    /// </summary>
    string? UnclosedReason(CodeSystemIndex cs, Hl7.Fhir.Model.ValueSet.ConceptSetComponent include) => null;
}

/// <summary>One problem found by <see cref="ICodeSystemBehaviour.Check"/>; <paramref name="IsError"/> false for a warning.</summary>
internal sealed record CodeIssue(bool IsError, string MessageId, string Text)
{
    /// <summary>A note, not a problem: reported as information on a code system's $validate-code only, and never stops the generic unknown-code issue.</summary>
    public bool Informational { get; init; }

    /// <summary>The issue type when not code-invalid.</summary>
    public Hl7.Fhir.Model.OperationOutcome.IssueType? IssueType { get; init; }

    /// <summary>The tx-issue-type code when not invalid-code.</summary>
    public string? TxIssueType { get; init; }
}
