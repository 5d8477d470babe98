using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.Cpt;

/// <summary>
/// CPT as HL7's "Using CPT" page defines it: post-coordinated expressions <c>base:mod[:mod]</c>, the modifier
/// rules of <see cref="CptRules"/>, the CPT filters (<see cref="CptFilters"/>) and abstract <c>metadata</c> concepts.
/// </summary>
internal sealed class CptBehaviour(CptRules rules) : ICodeSystemBehaviour
{
    public const string SystemUrl = "http://www.ama-assn.org/go/cpt";
    public const string Modifier = "modifier", Modified = "modified", Kind = "kind", ModifierDefinition = "modifier-definition";

    // Expressions recur (an EHR sends the same few thousand), so what was composed or diagnosed is kept per
    // index version, bounded, and dropped with the index.
    private readonly ConditionalWeakTable<CodeSystemIndex, ExpressionCache> _caches = new();

    public CptBehaviour()
        : this(CptRules.Default)
    {
    }

    public string Url => SystemUrl;

    public void Prepare(CodeSystemIndex cs)
    {
        foreach (var c in cs.Concepts)
        {
            if (c.PropertiesNamed(Kind).Any(k => rules.AbstractKinds.Contains(k.Value)))
            {
                c.IsAbstract = true;
            }
        }
    }

    public bool IsEnumerable => true;

    public Concept? Resolve(CodeSystemIndex cs, string code)
    {
        if (!code.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var cache = _caches.GetValue(cs, _ => new ExpressionCache());
        if (cache.Concepts.TryGetValue(code, out var known))
        {
            return known;
        }

        Concept? concept = null;
        if (CptExpression.Parse(code, rules.MaxModifiers) is { Error: null } expression && Resolve(cs, expression, issues: null) is { } p)
        {
            concept = Build(code, p.Base, p.Modifiers);
        }

        return cache.Remember(cache.Concepts, code, concept);
    }

    public IReadOnlyList<CodeIssue> Check(CodeSystemIndex cs, string code)
    {
        if (cs.FindHeld(code) is not null)
        {
            return [];
        }

        var cache = _caches.GetValue(cs, _ => new ExpressionCache());
        return cache.Issues.TryGetValue(code, out var known) ? known : cache.Remember(cache.Issues, code, Diagnose(cs, code));
    }

    private IReadOnlyList<CodeIssue> Diagnose(CodeSystemIndex cs, string code)
    {
        if (CptExpression.Parse(code, rules.MaxModifiers) is not { } expression)
        {
            return [];
        }

        if (expression.Error is { } error)
        {
            return [new CodeIssue(true, expression.ErrorId!, error)];
        }

        var issues = new List<CodeIssue>();
        if (Resolve(cs, expression, issues) is { } parts)
        {
            issues.AddRange(rules.Check(parts.Base, parts.Modifiers));
        }

        return issues;
    }

    public CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value) =>
        CptFilters.Compile(cs, rules, property, op, value);

    /// <summary>
    /// The held concepts an expression names, or null when one is missing or of the wrong sort; each problem is
    /// added to <paramref name="issues"/> when given. In a fragment an unknown part may exist elsewhere: a warning.
    /// </summary>
    private static (Concept Base, Concept[] Modifiers)? Resolve(CodeSystemIndex cs, CptExpression expression, List<CodeIssue>? issues)
    {
        var partial = cs.Info.Content is "fragment" or "example";
        var ok = true;
        void Problem(bool error, string id, string text)
        {
            ok = false;
            issues?.Add(new CodeIssue(error, id, text));
        }

        var baseCode = cs.FindHeld(expression.Base);
        if (baseCode is null)
        {
            Problem(!partial, "CPT_EXPRESSION_UNKNOWN_BASE", $"Unknown code '{expression.Base}' in the CPT expression '{Text(expression)}'" + (partial ? " - the code system is a fragment, so the code may exist in the full CPT" : ""));
        }
        else if (IsModifier(baseCode))
        {
            Problem(true, "CPT_EXPRESSION_BASE_IS_MODIFIER", $"'{baseCode.Code}' is a modifier: a CPT expression starts with a code, then its modifiers (for example '62321:50').");
        }
        else if (baseCode.IsAbstract)
        {
            Problem(true, "CPT_EXPRESSION_BASE_ABSTRACT", $"'{baseCode.Code}' is not a reportable CPT code (it only carries metadata), so it cannot be modified.");
        }

        var modifiers = new Concept[expression.Modifiers.Length];
        for (var i = 0; i < modifiers.Length; i++)
        {
            var code = expression.Modifiers[i];
            var m = cs.FindHeld(code);
            if (m is null)
            {
                Problem(!partial, "CPT_EXPRESSION_UNKNOWN_MODIFIER", $"Unknown modifier '{code}' in the CPT expression '{Text(expression)}'" + (partial ? " - the code system is a fragment, so the modifier may exist in the full CPT" : ""));
            }
            else if (!IsModifier(m))
            {
                Problem(true, "CPT_EXPRESSION_NOT_A_MODIFIER", $"'{code}' in the CPT expression '{Text(expression)}' is not a modifier.");
            }
            else if (Array.IndexOf(expression.Modifiers, code) != i)
            {
                Problem(true, "CPT_EXPRESSION_REPEATED_MODIFIER", $"The modifier '{code}' is given more than once in the CPT expression '{Text(expression)}'.");
            }

            modifiers[i] = m!;
        }

        return ok ? (baseCode!, modifiers) : null;
    }

    /// <summary>
    /// The concept of an expression: no display or descriptors of its own (HL7: expressions have none), the base
    /// code's properties and status with <c>modified</c> true, and for each modifier a <c>modifier</c> (its code)
    /// and a <c>modifier-definition</c> (its display) property.
    /// </summary>
    private static Concept Build(string code, Concept baseCode, Concept[] modifiers)
    {
        var properties = new List<PropertyValue>(baseCode.Properties.Length + 1 + (modifiers.Length * 2));
        foreach (var p in baseCode.Properties)
        {
            if (p.Code != Modified)
            {
                properties.Add(p);
            }
        }

        properties.Add(new PropertyValue(Modified, PropertyType.Boolean, "true"));
        foreach (var m in modifiers)
        {
            properties.Add(new PropertyValue(Modifier, PropertyType.Code, m.Code));
            if (m.Display is { } definition)
            {
                properties.Add(new PropertyValue(ModifierDefinition, PropertyType.String, definition));
            }
        }

        return new Concept(-1, code, null, null)
        {
            Properties = [.. properties],
            IsInactive = baseCode.IsInactive,
            IsAbstract = baseCode.IsAbstract,
        };
    }

    private static bool IsModifier(Concept c) => c.PropertiesNamed(Modifier).Any(p => p.IsTrue);

    private static string Text(CptExpression e) => string.Join(':', e.Modifiers.Prepend(e.Base));

    /// <summary>Composed concepts and diagnoses of one index version; past the bound, answers are computed and not kept.</summary>
    private sealed class ExpressionCache
    {
        private const int MaxEntries = 20_000;

        public ConcurrentDictionary<string, Concept?> Concepts { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, IReadOnlyList<CodeIssue>> Issues { get; } = new(StringComparer.Ordinal);

        public T Remember<T>(ConcurrentDictionary<string, T> map, string code, T value)
        {
            if (map.Count < MaxEntries)
            {
                map.TryAdd(code, value);
            }

            return value;
        }
    }
}
