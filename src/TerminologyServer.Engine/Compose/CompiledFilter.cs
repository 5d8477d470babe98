using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// One compose filter turned into a predicate over the concepts of one code system index. When the filter
/// names a small part of the hierarchy, <see cref="Candidates"/> lists that part so that an expansion does
/// not scan the whole code system.
/// </summary>
internal sealed class CompiledFilter(Func<Concept, bool> matches, Func<IEnumerable<Concept>>? candidates = null)
{
    public static readonly CompiledFilter None = new(_ => false, () => []);

    public Func<Concept, bool> Matches { get; } = matches;

    /// <summary>A superset of the matching concepts, cheaper than a scan; null when only a scan will do.</summary>
    public Func<IEnumerable<Concept>>? Candidates { get; } = candidates;
}
