using System.Collections.Frozen;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.Cpt;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// The one registration point of the code systems with a behaviour of their own, by canonical url: CPT (rules
/// and expressions over the stored concepts) and the code systems the engine defines by code (see
/// <see cref="ComputedCodeSystem"/>). Each behaviour is made on first use and shared by every index of its url.
/// </summary>
internal static class CodeSystemBehaviours
{
    private static readonly (string Url, Lazy<ICodeSystemBehaviour> Behaviour)[] Registered = new (string Url, Func<ICodeSystemBehaviour> Create)[]
    {
        (CptBehaviour.SystemUrl, () => new CptBehaviour()),
        (Loinc.LoincBehaviour.SystemUrl, () => new Loinc.LoincBehaviour()),
        (Ndc.NdcBehaviour.SystemUrl, () => new Ndc.NdcBehaviour()),
        (Bcp47CodeSystem.Url, () => new Bcp47CodeSystem()),
        (UcumCodeSystem.Url, () => new UcumCodeSystem()),
        (MimeTypeCodeSystem.Url, () => new MimeTypeCodeSystem()),
        (Iso3166CodeSystem.Url, () => new Iso3166CodeSystem()),
        (Iso3166Part2CodeSystem.Url, () => new Iso3166Part2CodeSystem()),
        (Iso4217CodeSystem.Url, () => new Iso4217CodeSystem()),
        (Snomed.SnomedVersion.SystemUrl, () => new Snomed.SnomedBehaviour()),
    }.Select(b => (b.Url, new Lazy<ICodeSystemBehaviour>(b.Create))).ToArray();

    private static readonly FrozenDictionary<string, Lazy<ICodeSystemBehaviour>> ByUrl =
        Registered.ToFrozenDictionary(b => b.Url, b => b.Behaviour, StringComparer.Ordinal);

    /// <summary>The behaviour of the code system <paramref name="url"/>, or null for an ordinary one.</summary>
    public static ICodeSystemBehaviour? For(string url) => ByUrl.TryGetValue(url, out var behaviour) ? behaviour.Value : null;

    /// <summary>The code systems the engine defines itself (and serves without any stored resource).</summary>
    public static IEnumerable<ComputedCodeSystem> Defined => Registered.Select(b => b.Behaviour.Value).OfType<ComputedCodeSystem>();
}
