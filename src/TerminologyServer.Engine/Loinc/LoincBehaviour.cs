using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.Loinc;

/// <summary>
/// LOINC's filters as HL7's "Using LOINC" page and tx.fhir.org define them, beyond the general property filters:
/// the axes (COMPONENT, PROPERTY, TIME_ASPCT, SYSTEM, SCALE_TYP, METHOD_TYP, CLASS) match a Part code or the
/// Part's text, ignoring case (<c>SCALE_TYP = Qn</c> and <c>SCALE_TYP = LP7753-9</c>), and <c>regex</c> runs on
/// the text; <c>STATUS</c>, <c>CLASSTYPE</c> and <c>ORDER_OBS</c> ignore case (CLASSTYPE also takes the class
/// names); <c>copyright = LOINC | 3rdParty</c>; <c>LIST = LL…</c> (the answers of a list) and <c>answers-for =
/// term</c> (the answers of the term's lists); <c>ancestor = LP…</c> (every descendant in the hierarchy).
/// </summary>
internal sealed class LoincBehaviour : ICodeSystemBehaviour
{
    public const string SystemUrl = "http://loinc.org";

    private static readonly HashSet<string> Axes = new(StringComparer.Ordinal) { "COMPONENT", "PROPERTY", "TIME_ASPCT", "SYSTEM", "SCALE_TYP", "METHOD_TYP", "CLASS" };

    private static readonly HashSet<string> CaseInsensitive = new(StringComparer.Ordinal) { "STATUS", "CLASSTYPE", "ORDER_OBS" };

    private static readonly Dictionary<string, string> ClassTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Laboratory"] = "1", ["Laboratory class"] = "1", ["Clinical"] = "2", ["Clinical class"] = "2",
        ["Claims attachments"] = "3", ["Claims attachment"] = "3", ["Surveys"] = "4", ["Survey"] = "4",
    };

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    public string Url => SystemUrl;

    public bool IsEnumerable => true;

    public void Prepare(CodeSystemIndex cs)
    {
    }

    public Concept? Resolve(CodeSystemIndex cs, string code) => null;

    public IReadOnlyList<CodeIssue> Check(CodeSystemIndex cs, string code) => [];

    /// <summary>True for a LOINC term (digits, dash, check digit), as opposed to a Part, answer list or answer.</summary>
    public static bool IsTerm(string code) => code.Length >= 3 && code[^2] == '-' && code.All(c => char.IsAsciiDigit(c) || c == '-');

    public CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value)
    {
        if (Axes.Contains(property))
        {
            return Axis(property, op, value);
        }

        if (CaseInsensitive.Contains(property) && op is FilterOperators.Equal or FilterOperators.In or FilterOperators.NotIn)
        {
            var wanted = Values(op, value).Select(v => property == "CLASSTYPE" && ClassTypes.TryGetValue(v, out var n) ? n : v).ToHashSet(StringComparer.OrdinalIgnoreCase);
            bool Has(Concept c) => c.PropertiesNamed(property).Any(p => wanted.Contains(p.Value));
            return op == FilterOperators.NotIn ? new(c => !Has(c)) : new(Has);
        }

        return property switch
        {
            "copyright" => Copyright(op, value),
            "LIST" => List(cs, op, value),
            "answers-for" => AnswersFor(cs, op, value),
            "ancestor" when op == FilterOperators.Equal =>
                cs.Find(value) is { } target ? new(c => c.Index != target.Index && cs.Subsumes(target, c), () => cs.Descendants(target)) : CompiledFilter.None,
            _ => null,
        };
    }

    private static CompiledFilter? Axis(string property, string op, string value)
    {
        switch (op)
        {
            case FilterOperators.Equal or FilterOperators.In or FilterOperators.NotIn:
                var wanted = Values(op, value).ToHashSet(StringComparer.OrdinalIgnoreCase);
                bool Has(Concept c) => c.PropertiesNamed(property).Any(p => wanted.Contains(p.Value) || (p.Display is { } d && wanted.Contains(d)));
                return op == FilterOperators.NotIn ? new(c => !Has(c)) : new(Has);
            case FilterOperators.Regex:
                var regex = FilterCompiler.BuildRegex(value, RegexTimeout);
                return new(c => c.PropertiesNamed(property).Any(p => FilterCompiler.IsMatch(regex, p.Display ?? p.Value) || FilterCompiler.IsMatch(regex, p.Value)));
            default:
                return null; // is-a and the others test the Part in the hierarchy: the general filter does that
        }
    }

    private static CompiledFilter Copyright(string op, string value)
    {
        if (op != FilterOperators.Equal)
        {
            throw TerminologyException.NotSupported("LOINC_COPYRIGHT_OP", $"The LOINC filter 'copyright' supports only '=', not '{op}'.");
        }

        var thirdParty = value.ToUpperInvariant() switch
        {
            "LOINC" => false,
            "3RDPARTY" => true,
            _ => throw TerminologyException.Invalid("LOINC_COPYRIGHT_VALUE", $"The value of the LOINC filter 'copyright' must be LOINC or 3rdParty, not '{value}'."),
        };
        return new(c => IsTerm(c.Code) && c.PropertiesNamed("EXTERNAL_COPYRIGHT_NOTICE").Any() == thirdParty);
    }

    private static CompiledFilter List(CodeSystemIndex cs, string op, string value)
    {
        if (op is not (FilterOperators.Equal or FilterOperators.In))
        {
            throw TerminologyException.NotSupported("LOINC_LIST_OP", $"The LOINC filter 'LIST' supports '=' and 'in', not '{op}'.");
        }

        var answers = Values(op, value).SelectMany(list => Answers(cs, list)).DistinctBy(c => c.Index).ToList();
        var set = answers.Select(c => c.Index).ToHashSet();
        return new(c => set.Contains(c.Index), () => answers);
    }

    private static CompiledFilter AnswersFor(CodeSystemIndex cs, string op, string value)
    {
        if (op != FilterOperators.Equal)
        {
            throw TerminologyException.NotSupported("LOINC_ANSWERS_FOR_OP", $"The LOINC filter 'answers-for' supports only '=', not '{op}'.");
        }

        var lists = cs.Find(value)?.PropertiesNamed("answer-list").Select(p => p.Value) ?? [];
        var answers = lists.SelectMany(list => Answers(cs, list)).DistinctBy(c => c.Index).ToList();
        var set = answers.Select(c => c.Index).ToHashSet();
        return new(c => set.Contains(c.Index), () => answers);
    }

    /// <summary>The answers (LA concepts) of the answer list <paramref name="list"/>, in sequence order; empty for an unknown list.</summary>
    public static IEnumerable<Concept> Answers(CodeSystemIndex cs, string list) =>
        (cs.Find(list)?.PropertiesNamed("answer") ?? []).Select(p => cs.Find(p.Value)).OfType<Concept>();

    private static IEnumerable<string> Values(string op, string value) =>
        op == FilterOperators.Equal ? [value] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
