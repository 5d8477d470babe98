using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.Lookup;

/// <summary>
/// <c>CodeSystem/$lookup</c>: everything the code system knows about one code, answered from the in-memory
/// index. See https://hl7.org/fhir/R4/codesystem-operation-lookup.html.
/// </summary>
public sealed class LookupService
{
    /// <summary>Property codes computed from the index rather than stored on the concept.</summary>
    public const string Parent = "parent", Child = "child", Inactive = "inactive";

    private static readonly PropertyValue InactiveTrue = new(Inactive, PropertyType.Boolean, "true");
    private static readonly PropertyValue InactiveFalse = new(Inactive, PropertyType.Boolean, "false");
    private static readonly DesignationUse PreferredForLanguage =
        new("http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage", "Preferred For Language");

    /// <summary>
    /// Names of supplements applied to every lookup of their code system unless the request names others
    /// (the narrative supplement of a procedure code system is one).
    /// </summary>
    public Func<CodeSystemIndex, bool> AppliesByDefault { get; init; } = _ => false;

    /// <summary>Looks the code up. Throws a not-found <see cref="TerminologyException"/> for an unknown system, version or code.</summary>
    public LookupResult Lookup(ICodeSystemProvider provider, LookupRequest request)
    {
        var cs = provider.Find(request.System, request.Version) ?? throw UnknownSystem(provider, request);
        if (!cs.TryGetConcept(request.Code, out var concept))
        {
            // A code system with a grammar (CPT) says what is wrong with an expression and what the right form is.
            var why = cs.Behaviour?.Check(cs, request.Code).FirstOrDefault(i => i.IsError) is { } issue ? " " + issue.Text : "";
            throw TerminologyException.NotFound(
                "UNKNOWN_CODE",
                $"Unknown code '{request.Code}' in the CodeSystem '{request.System}' version '{cs.Version ?? "(none)"}'.{why}");
        }

        // Hot path of every $lookup: no LINQ, no closures, lists sized once (docs/performance.md).
        var supplements = SelectSupplements(provider, cs, request.UseSupplements);
        var requested = request.Properties;
        var everything = requested.Count == 0 || Contains(requested, "*");
        bool Want(string code) => everything || Contains(requested, code);

        var properties = new List<LookupProperty>(concept.Properties.Length + concept.Parents.Length + concept.Children.Length + 1);
        if (Want(Inactive) && !HasProperty(concept, Inactive))
        {
            properties.Add(new LookupProperty(Inactive, concept.IsInactive ? InactiveTrue : InactiveFalse, null));
        }

        foreach (var p in concept.Properties)
        {
            if (Want(p.Code))
            {
                properties.Add(new LookupProperty(p.Code, p, Describe(cs, p.Code)));
            }
        }

        if (Want(Parent) && !HasProperty(concept, Parent))
        {
            foreach (var i in concept.Parents)
            {
                properties.Add(Related(Parent, cs.Concepts[i]));
            }
        }

        if (Want(Child) && !HasProperty(concept, Child))
        {
            foreach (var i in concept.Children)
            {
                properties.Add(Related(Child, cs.Concepts[i]));
            }
        }

        cs.Behaviour?.AddLookupProperties(cs, concept, requested, properties);
        IReadOnlyList<Designation> designations = concept.Designations;
        var display = concept.Display;
        if (supplements.Count > 0)
        {
            var merged = new List<Designation>(concept.Designations);
            foreach (var supplement in supplements)
            {
                if (supplement.Find(concept.Code) is not { } extra)
                {
                    continue;
                }

                merged.AddRange(extra.Designations);
                foreach (var p in extra.Properties)
                {
                    if (Want(p.Code))
                    {
                        properties.Add(new LookupProperty(p.Code, p, Describe(supplement, p.Code)));
                    }
                }
            }

            designations = merged;
        }

        if (request.DisplayLanguage is { } language)
        {
            display = PickDisplay(cs, concept, designations, language) ?? display;
        }

        return new LookupResult(
            cs.Info.Title ?? cs.Info.Name ?? cs.Url,
            cs.Version,
            display,
            concept.Definition,
            concept.IsAbstract,
            designations,
            properties)
        {
            Code = concept.Code,
            System = cs.Url,
            DisplayDesignation = DisplayAsDesignation(cs, concept, designations),
        };
    }

    /// <summary>
    /// The concept's display as a designation preferred for the code system's language (as tx.fhir.org lists it), or
    /// null when the code system states no language, the concept has no display or a designation already says it.
    /// </summary>
    private static Designation? DisplayAsDesignation(CodeSystemIndex cs, Concept concept, IReadOnlyList<Designation> designations)
    {
        if (cs.Info.Language is not { } language || concept.Display is not { } display)
        {
            return null;
        }

        for (var i = 0; i < designations.Count; i++)
        {
            if (designations[i].Value == display && string.Equals(designations[i].Language, language, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return new Designation(language, PreferredForLanguage, display);
    }

    private IReadOnlyList<CodeSystemIndex> SelectSupplements(ICodeSystemProvider provider, CodeSystemIndex cs, IReadOnlyList<string> named)
    {
        var candidates = provider.SupplementsOf(cs.Url);
        if (candidates.Count == 0)
        {
            if (named.Count > 0)
            {
                throw Compose.SupplementSet.Missing(named[0]);
            }

            return [];
        }

        if (named.Count > 0)
        {
            var result = new List<CodeSystemIndex>();
            foreach (var n in named)
            {
                var (url, version) = Canonical.Split(n);
                // A supplement of another code system (or of another version of this one) is as unknown here as
                // one that does not exist: the answer is the same not-found as for $expand and $validate-code.
                var match = candidates.FirstOrDefault(s => s.Url == url && (version is null || s.Version == version) && Compose.SupplementSet.Supplements(s, cs))
                    ?? throw Compose.SupplementSet.Missing(n);
                if (!result.Contains(match))
                {
                    result.Add(match);
                }
            }

            return result;
        }

        return candidates.Where(AppliesByDefault).ToList();
    }

    private static string? PickDisplay(CodeSystemIndex cs, Concept concept, IEnumerable<Designation> designations, string languages)
    {
        foreach (var raw in languages.Split(','))
        {
            var language = raw.Split(';')[0].Trim();
            if (language.Length == 0 || language == "*")
            {
                continue;
            }

            if (cs.Info.Language is { } own && LanguageMatches(own, language))
            {
                return concept.Display;
            }

            var d = designations.FirstOrDefault(d => d.Language is not null && LanguageMatches(d.Language, language));
            if (d is not null)
            {
                return d.Value;
            }
        }

        return null;
    }

    private static LookupProperty Related(string code, Concept other) =>
        new(code, new PropertyValue(code, PropertyType.Code, other.Code, Display: other.Display), other.Display);

    private static string? Describe(CodeSystemIndex source, string code) =>
        source.PropertyByCode.TryGetValue(code, out var definition) ? definition.Description : null;

    private static bool HasProperty(Concept concept, string code)
    {
        foreach (var p in concept.Properties)
        {
            if (p.Code == code)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    private static bool LanguageMatches(string have, string want) =>
        have.Equals(want, StringComparison.OrdinalIgnoreCase)
        || have.StartsWith(want + "-", StringComparison.OrdinalIgnoreCase);

    private static TerminologyException UnknownSystem(ICodeSystemProvider provider, LookupRequest request)
    {
        if (request.Version is not null && provider.Versions(request.System) is { Count: > 0 } known)
        {
            return TerminologyException.NotFound(
                "UNKNOWN_CODESYSTEM_VERSION",
                $"A definition for CodeSystem '{request.System}' version '{request.Version}' could not be found. Valid versions: {string.Join(", ", known.Select(k => k.Version ?? "(none)"))}.");
        }

        return TerminologyException.NotFound(
            "UNKNOWN_CODESYSTEM",
            $"A definition for CodeSystem '{request.System}' could not be found, so the code '{request.Code}' cannot be looked up.");
    }
}
