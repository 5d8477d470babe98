using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace TerminologyServer.Engine.ConceptMaps;

/// <summary>Input of <c>ConceptMap/$translate</c>; R4 names and their R5 equivalents bind to the same fields.</summary>
public sealed record TranslateRequest
{
    public string? Url { get; init; }
    public string? ConceptMapVersion { get; init; }
    public ConceptMap? ConceptMap { get; init; }
    public string? Code { get; init; }
    public string? System { get; init; }
    public string? Version { get; init; }
    public string? TargetSystem { get; init; }

    /// <summary>The value set the source code is taken from (R4 <c>source</c>, R5 <c>sourceScope</c>): only maps whose source scope it is apply.</summary>
    public string? SourceScope { get; init; }

    /// <summary>The value set a translation is sought in (R4 <c>target</c>, R5 <c>targetScope</c>): only maps whose target scope it is apply.</summary>
    public string? TargetScope { get; init; }

    /// <summary>Translate from target to source (R4 <c>reverse</c>, or R5 <c>targetCode</c>).</summary>
    public bool Reverse { get; init; }

    /// <summary>
    /// The reverse question was asked R5's way (<c>targetCode</c>): the match names the code asked for as its concept
    /// and the code mapped from as its <c>source</c>, as tx.fhir.org answers. R4's <c>reverse=true</c> answers with
    /// the source side as the concept.
    /// </summary>
    public bool AskedByTargetCode { get; init; }
}

/// <summary>One translation found: the concept, how it relates, and the map that says so.</summary>
public sealed record TranslationMatch(Coding Concept, ConceptMapEquivalence Equivalence, string OriginMap, Coding? Source);

/// <summary>
/// <c>ConceptMap/$translate</c> (https://hl7.org/fhir/R4/conceptmap-operation-translate.html) over the stored maps
/// and the request's own. Forward: source code → targets; reverse: target code → the sources that map to it.
/// </summary>
public sealed class TranslationService
{
    public (bool Result, string? Message, IReadOnlyList<TranslationMatch> Matches) Translate(TranslateRequest request, IEnumerable<ConceptMap> maps)
    {
        if (request.Code is null)
        {
            throw TerminologyException.Invalid("TRANSLATE_NO_CODE", "$translate needs a code (code+system, coding, or codeableConcept).");
        }

        var candidates = request.ConceptMap is not null ? [request.ConceptMap]
            : request.Url is not null ? [ConceptMapRegistry.Find(maps, request.Url, request.ConceptMapVersion)
                ?? throw TerminologyException.NotFound("UNKNOWN_CONCEPTMAP", $"The ConceptMap '{request.Url}' is not known.")]
            : maps.ToList();
        candidates = candidates.Where(m => ScopeApplies(request, m)).ToList();

        var matches = new List<TranslationMatch>();
        foreach (var map in candidates)
        {
            var origin = map.Version is null ? map.Url ?? "" : $"{map.Url}|{map.Version}";
            foreach (var group in map.Group)
            {
                if (!GroupApplies(request, group))
                {
                    continue;
                }

                foreach (var element in group.Element)
                {
                    foreach (var target in element.Target)
                    {
                        var equivalence = target.Equivalence ?? ConceptMapEquivalence.Equivalent;
                        if (!request.Reverse && element.Code == request.Code)
                        {
                            matches.Add(new TranslationMatch(new Coding(group.Target, target.Code, target.Display), equivalence, origin, null));
                        }
                        else if (request.Reverse && target.Code == request.Code)
                        {
                            // Reverse, the translation is the source side of the mapping; the input (target side) is kept as 'source'.
                            var (from, to) = (new Coding(group.Source, element.Code, element.Display), new Coding(group.Target, target.Code, target.Display));
                            matches.Add(request.AskedByTargetCode
                                ? new TranslationMatch(to, equivalence, origin, from)
                                : new TranslationMatch(from, Reversed(equivalence), origin, to));
                        }
                    }
                }
            }
        }

        var result = matches.Any(m => m.Equivalence is not (ConceptMapEquivalence.Unmatched or ConceptMapEquivalence.Disjoint));
        var message = result ? null : $"No translation found for '{request.Code}'{(request.System is null ? "" : $" in '{request.System}'")}.";
        return (result, message, matches);
    }

    // Forward, the scopes are the map's own; reverse, the translation lands in the map's source scope.
    private static bool ScopeApplies(TranslateRequest request, ConceptMap map)
    {
        var (from, to) = request.Reverse ? (Scope(map.Target), Scope(map.Source)) : (Scope(map.Source), Scope(map.Target));
        return SameCanonical(request.SourceScope, from) && SameCanonical(request.TargetScope, to);
    }

    private static string? Scope(DataType? scope) => scope switch
    {
        PrimitiveType p => p.ToString(),
        _ => null,
    };

    // A scope asked for without a version matches the map's scope with any version.
    private static bool SameCanonical(string? asked, string? declared) =>
        asked is null || (declared is not null && (asked == declared || (!asked.Contains('|') && declared.StartsWith(asked + "|", StringComparison.Ordinal))));

    // A reverse translation reads the mapping the other way: "source is wider than target" becomes narrower.
    private static ConceptMapEquivalence Reversed(ConceptMapEquivalence e) => e switch
    {
        ConceptMapEquivalence.Wider => ConceptMapEquivalence.Narrower,
        ConceptMapEquivalence.Narrower => ConceptMapEquivalence.Wider,
        ConceptMapEquivalence.Subsumes => ConceptMapEquivalence.Specializes,
        ConceptMapEquivalence.Specializes => ConceptMapEquivalence.Subsumes,
        _ => e,
    };

    // Forward, the systems name source and target exactly. Reverse, R4 (system = the code's system) and R5
    // (sourceSystem/targetSystem keep their roles) disagree on which is which, so either side may match.
    private static bool GroupApplies(TranslateRequest request, ConceptMap.GroupComponent group) => request.Reverse
        ? new[] { request.System, request.TargetSystem }.All(s => s is null || s == group.Source || s == group.Target)
        : (request.System is null || request.System == group.Source) && (request.TargetSystem is null || request.TargetSystem == group.Target);

    /// <summary>The R5 relationship code that corresponds to an R4 equivalence.</summary>
    public static string Relationship(ConceptMapEquivalence e) => e switch
    {
        ConceptMapEquivalence.Equal or ConceptMapEquivalence.Equivalent => "equivalent",
        ConceptMapEquivalence.Wider or ConceptMapEquivalence.Subsumes => "source-is-narrower-than-target",
        ConceptMapEquivalence.Narrower or ConceptMapEquivalence.Specializes => "source-is-broader-than-target",
        ConceptMapEquivalence.Unmatched or ConceptMapEquivalence.Disjoint => "not-related-to",
        _ => "related-to",
    };

    public static Parameters ToParameters((bool Result, string? Message, IReadOnlyList<TranslationMatch> Matches) outcome)
    {
        var p = new Parameters();
        p.Add("result", new FhirBoolean(outcome.Result));
        if (outcome.Message is not null)
        {
            p.Add("message", new FhirString(outcome.Message));
        }

        foreach (var m in outcome.Matches)
        {
            var parts = new List<Parameters.ParameterComponent>
            {
                new() { Name = "equivalence", Value = new Code(m.Equivalence.GetLiteral()) },
                new() { Name = "relationship", Value = new Code(Relationship(m.Equivalence)) },
                new() { Name = "concept", Value = m.Concept },
                new() { Name = "originMap", Value = new Hl7.Fhir.Model.Canonical(m.OriginMap) },
            };
            if (m.Source is not null)
            {
                parts.Add(new() { Name = "source", Value = m.Source });
            }

            p.Parameter.Add(new Parameters.ParameterComponent { Name = "match", Part = parts });
        }

        return p;
    }
}
