using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Lookup;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// SNOMED CT as HL7 uses it (https://terminology.hl7.org/SNOMEDCT.html) over an edition's <see cref="SnomedEdition"/>:
/// post-coordinated expressions as codes, the <c>concept</c> filters (is-a, descendent-of, in a refset, =), ECL in
/// <c>constraint</c>/<c>expression</c> filters, the <c>expressions</c> filter, $lookup properties (attributes, module,
/// effective time, definition status, normal forms, historical associations). A SNOMED CT index without an edition
/// behind it (the not-present stub of the FHIR core package) gets no special treatment.
/// </summary>
internal sealed class SnomedBehaviour : ICodeSystemBehaviour
{
    private const string ProcessNote = "The expression is grammatically correct and the concepts are valid, but the expression has not been checked against the SNOMED CT concept model (MRCM)";

    private static readonly DesignationUse PreferredForLanguage = new("http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage", "Preferred For Language");

    private readonly ConditionalWeakTable<CodeSystemIndex, ConcurrentDictionary<string, Parsed>> _expressions = new();

    public string Url => SnomedVersion.SystemUrl;

    public bool IsEnumerable => true;

    public void Prepare(CodeSystemIndex cs)
    {
    }

    public Concept? Resolve(CodeSystemIndex cs, string code) => Expression(cs, code) is { Concept: { } c } ? c : null;

    public IReadOnlyList<CodeIssue> Check(CodeSystemIndex cs, string code)
    {
        if (cs.FindHeld(code) is not null || cs.Model is not SnomedEdition edition)
        {
            return [];
        }

        if (Expression(cs, code) is not { } parsed)
        {
            return [];
        }

        if (parsed.Error is { } error)
        {
            return [new CodeIssue(false, "", "Not a valid expression: " + error) { Informational = true }];
        }

        var issues = new List<CodeIssue>();
        if (SnomedExpressions.ConceptModelProblem(edition, parsed.Expression!) is { } mrcm)
        {
            issues.Add(new CodeIssue(false, "SCT_MRCM", mrcm));
        }
        else
        {
            issues.Add(new CodeIssue(false, "", ProcessNote) { Informational = true, IssueType = OperationOutcome.IssueType.Informational, TxIssueType = "process-note" });
        }

        return issues;
    }

    public CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value) =>
        cs.Model is SnomedEdition edition ? SnomedFilters.Compile(cs, edition, this, property, op, value) : null;

    public void AddLookupProperties(CodeSystemIndex cs, Concept concept, IReadOnlyList<string> requested, List<LookupProperty> into)
    {
        if (cs.Model is SnomedEdition edition)
        {
            var e = concept.Index >= 0 ? null : Expression(cs, concept.Code)?.Expression;
            SnomedLookup.Add(cs, edition, concept, e, requested, into);
        }
    }

    public IReadOnlyList<string>? InactiveDisplayMatch(CodeSystemIndex cs, Concept concept, string display)
    {
        if (cs.Model is not SnomedEdition edition || concept.Index < 0)
        {
            return null;
        }

        var inactive = false;
        var active = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var d in edition.Descriptions(concept.Index))
        {
            if (d.Type >= 0 && edition.IdOf(d.Type) == SnomedIds.Definition)
            {
                continue;
            }

            if (d.Active)
            {
                active.Add(d.Term);
                if (d.Term.Equals(display, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }
            else if (d.Term.Equals(display, StringComparison.OrdinalIgnoreCase))
            {
                inactive = true;
            }
        }

        return inactive ? [.. active] : null;
    }

    public string? VersionLabel(CodeSystemIndex cs) => cs.Model is SnomedEdition edition ? SnomedEditions.Name(edition) : null;

    public string? UnclosedReason(CodeSystemIndex cs, ValueSet.ConceptSetComponent include)
    {
        if (cs.Model is not SnomedEdition)
        {
            return null;
        }

        // Listed codes are exactly what they are; a filter or the whole system may also take expressions, which cannot be listed.
        if (include.Concept.Count > 0)
        {
            return null;
        }

        if (include.Filter.Count == 0)
        {
            return $"The code System '{cs.Url}' has a grammar and so has infinite members";
        }

        return include.Filter.Any(f => f.Property == "expressions" && f.Value == "false") ? null : "";
    }

    /// <summary>The parsed (and checked) expression of <paramref name="code"/>, cached per index; null for a plain id or a non-expression.</summary>
    internal Parsed? Expression(CodeSystemIndex cs, string code)
    {
        if (cs.Model is not SnomedEdition edition || code.Length == 0 || code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var cache = _expressions.GetValue(cs, _ => new ConcurrentDictionary<string, Parsed>(StringComparer.Ordinal));
        if (cache.TryGetValue(code, out var known))
        {
            return known;
        }

        var parsed = Parse(cs, edition, code);
        if (cache.Count < 20_000)
        {
            cache.TryAdd(code, parsed);
        }

        return parsed;
    }

    private static Parsed Parse(CodeSystemIndex cs, SnomedEdition edition, string code)
    {
        var e = SnomedExpression.Parse(code, out var syntax);
        if (e is null)
        {
            return new Parsed(null, null, syntax);
        }

        if (SnomedExpressions.Problem(edition, e) is { } problem)
        {
            return new Parsed(e, null, problem);
        }

        string? Term(long id) => edition.IndexOf(id) is var i and >= 0 ? cs.Concepts[i].Display : null;
        var display = e.Render(Term);
        var focus = cs.Concepts[edition.IndexOf(e.Focus[0])];
        var concept = new Concept(-1, code, display, null)
        {
            Designations = [new Designation("en-US", PreferredForLanguage, display)],
            Parents = focus.Parents,
            Children = focus.Children,
            IsInactive = focus.IsInactive,
        };
        return new Parsed(e, concept, null);
    }

    /// <summary>An expression as parsed: the composed concept when it is valid, else why not.</summary>
    internal sealed record Parsed(SnomedExpression? Expression, Concept? Concept, string? Error);
}
