namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// Code systems supplied with one request (<c>tx-resource</c>) layered over the server's registry: the
/// request's own versions win, nothing is written anywhere, and the layer is dropped with the request.
/// </summary>
public sealed class LayeredCodeSystemProvider(ICodeSystemProvider inner, IReadOnlyList<CodeSystemIndex> local) : ICodeSystemProvider
{
    public CodeSystemIndex? Find(string url, string? version = null)
    {
        var mine = local.Where(i => !i.IsSupplement && i.Url == url && (version is null || i.Version == version || (Snomed.SnomedVersion.IsEditionOnlyUri(version) && Snomed.SnomedVersion.Matches(version, i.Version))))
            .OrderByDescending(i => i.Version, VersionComparer.Instance)
            .FirstOrDefault();
        return mine ?? inner.Find(url, version);
    }

    public IReadOnlyList<CodeSystemIndex> Versions(string url) =>
        local.Where(i => !i.IsSupplement && i.Url == url)
            .Concat(inner.Versions(url).Where(v => !local.Any(l => l.Url == url && l.Version == v.Version)))
            .OrderByDescending(i => i.Version, VersionComparer.Instance)
            .ToList();

    public IReadOnlyList<CodeSystemIndex> SupplementsOf(string url) =>
        local.Where(i => i.IsSupplement && i.Info.Supplements?.Split('|')[0] == url)
            .Concat(inner.SupplementsOf(url))
            .ToList();

    public IEnumerable<CodeSystemIndex> All() => local.Concat(inner.All());
}
