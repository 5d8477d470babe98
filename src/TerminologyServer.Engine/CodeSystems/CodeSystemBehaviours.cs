using System.Collections.Frozen;
using TerminologyServer.Engine.Cpt;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>The code systems with a behaviour of their own, by canonical url.</summary>
internal static class CodeSystemBehaviours
{
    private static readonly FrozenDictionary<string, ICodeSystemBehaviour> ByUrl =
        new ICodeSystemBehaviour[] { new CptBehaviour() }.ToFrozenDictionary(b => b.Url, StringComparer.Ordinal);

    public static ICodeSystemBehaviour? For(string url) => ByUrl.GetValueOrDefault(url);
}
