using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// What a particular code system does beyond its list of concepts: a grammar for post-coordinated codes
/// (e.g. CPT <c>62321:50</c>), rules those codes must follow, and filters with their own meaning. The index
/// of a code system whose url has a behaviour consults it (see <see cref="CodeSystemBehaviours"/>), so the
/// operations need no code-system-specific branches.
/// </summary>
internal interface ICodeSystemBehaviour
{
    /// <summary>The canonical url of the code system this behaviour belongs to.</summary>
    string Url { get; }

    /// <summary>Called once when an index is built, to derive facts from the stored concepts (e.g. abstractness).</summary>
    void Prepare(CodeSystemIndex cs);

    /// <summary>
    /// A concept for a well-formed post-coordinated <paramref name="code"/> the index does not hold, made of
    /// concepts it does hold; null when <paramref name="code"/> is not such an expression.
    /// </summary>
    Concept? Compose(CodeSystemIndex cs, string code);

    /// <summary>
    /// Problems with <paramref name="code"/> that the grammar or the rules of the code system find: syntax
    /// errors (with the right form), unknown parts, rule violations. Empty for a plain held code.
    /// </summary>
    IReadOnlyList<CodeIssue> Check(CodeSystemIndex cs, string code);

    /// <summary>A filter with a meaning of its own in this code system, or null to use the general one.</summary>
    CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value);
}

/// <summary>One problem found by <see cref="ICodeSystemBehaviour.Check"/>; <paramref name="IsError"/> false for a warning.</summary>
internal sealed record CodeIssue(bool IsError, string MessageId, string Text);
