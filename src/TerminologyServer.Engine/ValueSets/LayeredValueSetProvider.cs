using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// Value sets supplied with one request (<c>tx-resource</c>) layered over the server's registry: the
/// request's own versions win, nothing is written anywhere, and the layer is dropped with the request.
/// </summary>
public sealed class LayeredValueSetProvider(IValueSetProvider inner, IReadOnlyList<ValueSet> local) : IValueSetProvider
{
    public ValueSet? Find(string url, string? version = null)
    {
        var mine = local.Where(v => v.Url == url && (version is null || v.Version == version))
            .OrderByDescending(v => v.Version, VersionComparer.Instance)
            .FirstOrDefault();
        return mine ?? inner.Find(url, version);
    }

    public IReadOnlyList<ValueSet> Versions(string url) =>
        local.Where(v => v.Url == url)
            .Concat(inner.Versions(url).Where(v => !local.Any(l => l.Url == url && l.Version == v.Version)))
            .OrderByDescending(v => v.Version, VersionComparer.Instance)
            .ToList();
}
