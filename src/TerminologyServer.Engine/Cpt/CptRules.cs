using System.Text.Json;
using System.Text.Json.Serialization;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Cpt;

/// <summary>
/// The CPT modifier rules and vocabulary, read from the embedded <c>cpt-rules.json</c> (data, not code: a new
/// list from the AMA changes that file only). Four kinds of rule: a modifier allowed <c>only-on</c> some codes,
/// <c>not-on</c> some codes, <c>not-with</c> other modifiers, and <c>at-most-one</c> of a group.
/// </summary>
internal sealed class CptRules
{
    private const string ResourceName = "TerminologyServer.Engine.Cpt.cpt-rules.json";

    private static readonly Lazy<CptRules> Embedded = new(Load);

    private CptRules(RulesFile file)
    {
        MaxModifiers = file.MaxModifiers;
        Kinds = file.Kinds;
        AbstractKinds = file.AbstractKinds;
        Flags = file.Flags;
        Rules = file.Rules.Select(Rule.From).ToArray();
    }

    public static CptRules Default => Embedded.Value;

    public int MaxModifiers { get; }
    public IReadOnlyList<string> Kinds { get; }
    public IReadOnlyList<string> AbstractKinds { get; }

    /// <summary>Boolean properties where a concept without the property counts as false (telemedicine, orthopox).</summary>
    public IReadOnlyList<string> Flags { get; }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Every rule <paramref name="baseCode"/> with <paramref name="modifiers"/> breaks, as error issues.</summary>
    public IEnumerable<CodeIssue> Check(Concept baseCode, IReadOnlyList<Concept> modifiers)
    {
        foreach (var rule in Rules)
        {
            foreach (var text in rule.Violations(baseCode, modifiers))
            {
                yield return new CodeIssue(true, rule.Id, text);
            }
        }
    }

    internal static CptRules Parse(string json) =>
        new(JsonSerializer.Deserialize<RulesFile>(json, JsonOptions) ?? throw new InvalidDataException("The CPT rules file is empty."));

    private static CptRules Load()
    {
        using var stream = typeof(CptRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    internal sealed record RulesFile(int MaxModifiers, string[] Kinds, string[] AbstractKinds, string[] Flags, RuleData[] Rules);

    internal sealed record RuleData(
        string Id, string Type, string Message, string? Modifiers, string[]? ModifierKinds, Selector? On, string? Others, string[]? Groups);

    internal sealed record Selector(string? Ranges, string? Property);

    /// <summary>One rule, compiled from its data.</summary>
    internal sealed class Rule
    {
        private HashSet<string> _modifiers = [];
        private HashSet<string> _modifierKinds = [];
        private CodeRanges? _onRanges;
        private string? _onProperty;
        private HashSet<string> _others = [];
        private List<HashSet<string>> _groups = [];
        private string _type = "";
        private string _message = "";

        public string Id { get; private init; } = "";

        public static Rule From(RuleData data)
        {
            if (data.Type is not ("only-on" or "not-on" or "not-with" or "at-most-one"))
            {
                throw new InvalidDataException($"CPT rule {data.Id}: unknown type '{data.Type}'.");
            }

            return new Rule
            {
                Id = data.Id,
                _type = data.Type,
                _message = data.Message,
                _modifiers = Codes(data.Modifiers),
                _modifierKinds = [.. data.ModifierKinds ?? []],
                _onRanges = data.On?.Ranges is { } r ? CodeRanges.Parse(r) : null,
                _onProperty = data.On?.Property,
                _others = Codes(data.Others),
                _groups = (data.Groups ?? []).Select(Codes).ToList(),
            };
        }

        public IEnumerable<string> Violations(Concept baseCode, IReadOnlyList<Concept> modifiers)
        {
            switch (_type)
            {
                case "only-on":
                case "not-on":
                    var on = IsOn(baseCode);
                    foreach (var m in modifiers)
                    {
                        if (Selects(m) && on == (_type == "not-on"))
                        {
                            yield return Format(baseCode.Code, m.Code, "", "");
                        }
                    }

                    break;
                case "not-with":
                    foreach (var m in modifiers.Where(Selects))
                    {
                        var clash = modifiers.Where(o => _others.Contains(o.Code)).Select(o => o.Code).ToList();
                        if (clash.Count > 0)
                        {
                            yield return Format(baseCode.Code, m.Code, string.Join(", ", clash), "");
                        }
                    }

                    break;
                default:
                    foreach (var group in _groups)
                    {
                        var present = modifiers.Where(m => group.Contains(m.Code)).Select(m => m.Code).ToList();
                        if (present.Count > 1)
                        {
                            yield return Format(baseCode.Code, present[0], string.Join(" and ", present), string.Join(", ", group));
                        }
                    }

                    break;
            }
        }

        private bool Selects(Concept modifier) =>
            _modifiers.Contains(modifier.Code) || modifier.PropertiesNamed("kind").Any(k => _modifierKinds.Contains(k.Value));

        private bool IsOn(Concept code) =>
            (_onRanges?.Contains(code.Code) ?? false) || (_onProperty is { } p && code.PropertiesNamed(p).Any(v => v.IsTrue));

        private string Format(string code, string modifier, string others, string group) =>
            _message.Replace("{code}", code, StringComparison.Ordinal)
                .Replace("{modifier}", modifier, StringComparison.Ordinal)
                .Replace("{others}", others, StringComparison.Ordinal)
                .Replace("{group}", group, StringComparison.Ordinal);

        private static HashSet<string> Codes(string? list) =>
            [.. (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }
}
