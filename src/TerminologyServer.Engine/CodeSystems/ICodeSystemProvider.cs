namespace TerminologyServer.Engine.CodeSystems;

/// <summary>Finds code system versions by canonical url. Chained so that request-local resources come first.</summary>
public interface ICodeSystemProvider
{
    /// <summary>
    /// The version <paramref name="version"/> of <paramref name="url"/>, or the latest version when
    /// <paramref name="version"/> is null. Null when unknown. Supplements are not returned here.
    /// </summary>
    CodeSystemIndex? Find(string url, string? version = null);

    /// <summary>Every version held for <paramref name="url"/>, latest first.</summary>
    IReadOnlyList<CodeSystemIndex> Versions(string url);

    /// <summary>Supplements whose <c>supplements</c> names <paramref name="url"/>.</summary>
    IReadOnlyList<CodeSystemIndex> SupplementsOf(string url);

    /// <summary>Every code system version held (supplements included).</summary>
    IEnumerable<CodeSystemIndex> All();
}
