using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.Ndc;

/// <summary>
/// NDC's second spelling: HL7's codes are the 10-digit dashed forms (<c>0002-0152-01</c>), while claims and
/// pharmacy systems send the 11-digit 5-4-2 form (<c>00002015201</c>, sometimes dashed <c>00002-0152-01</c>). The
/// importer stores that form on each package as <c>code11</c>; this behaviour resolves it to the package, so both
/// forms look up and validate as the same concept (whose code stays the 10-digit one).
/// </summary>
internal sealed class NdcBehaviour : ICodeSystemBehaviour
{
    public const string SystemUrl = "http://hl7.org/fhir/sid/ndc";

    private readonly ConditionalWeakTable<CodeSystemIndex, FrozenDictionary<string, int>> _elevenDigit = new();

    public string Url => SystemUrl;

    public bool IsEnumerable => true;

    public void Prepare(CodeSystemIndex cs)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in cs.Concepts)
        {
            foreach (var p in c.PropertiesNamed("code11"))
            {
                map.TryAdd(p.Value, c.Index);
            }
        }

        _elevenDigit.AddOrUpdate(cs, map.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public Concept? Resolve(CodeSystemIndex cs, string code)
    {
        var digits = code.Replace("-", "", StringComparison.Ordinal);
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit) || (code.Contains('-') && !IsDashedEleven(code)))
        {
            return null;
        }

        return _elevenDigit.TryGetValue(cs, out var map) && map.TryGetValue(digits, out var i) ? cs.Concepts[i] : null;
    }

    public IReadOnlyList<CodeIssue> Check(CodeSystemIndex cs, string code) => [];

    public CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value) => null;

    /// <summary>The dashed 11-digit form is 5-4-2.</summary>
    private static bool IsDashedEleven(string code) => code.Split('-') is [{ Length: 5 }, { Length: 4 }, { Length: 2 }];
}
