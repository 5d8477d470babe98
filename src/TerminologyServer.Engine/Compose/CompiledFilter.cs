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

    /// <summary>
    /// When set, exactly the concepts of the index that match, as positions in <see cref="CodeSystemIndex.Concepts"/>
    /// in the order <see cref="Candidates"/> lists them: a page and a count need no test per concept.
    /// </summary>
    public Func<IReadOnlyList<int>>? Positions { get; private init; }

    /// <summary>
    /// A filter that selects exactly the concepts at <paramref name="positions"/> of <paramref name="cs"/>;
    /// <paramref name="matches"/> says the same of one concept (and judges concepts outside the index, such as
    /// post-coordinated expressions).
    /// </summary>
    public static CompiledFilter Exactly(CodeSystemIndex cs, Func<Concept, bool> matches, Func<IReadOnlyList<int>> positions) =>
        new(matches, () => positions().Select(p => cs.Concepts[p])) { Positions = positions };
}
