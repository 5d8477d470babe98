using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Search;
using TerminologyServer.Engine.ValueSets;
using P = TerminologyServer.Engine.ValueSets.TerminologyParameterNames;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// <c>ValueSet/$expand</c>: the members of a value set, filtered, paged and presented as the request asks.
/// See https://hl7.org/fhir/R4/valueset-operation-expand.html.
/// </summary>
public sealed class ValueSetExpander(ValueSetEngineOptions? options = null)
{
    private readonly ValueSetEngineOptions _options = options ?? new ValueSetEngineOptions();

    /// <summary>
    /// Expands the value set named by <paramref name="request"/> and returns a copy of it with
    /// <c>expansion</c> filled. Throws a <see cref="TerminologyException"/>: not-found for an unknown value
    /// set or code system, invalid for a bad filter, too-costly when the result exceeds the size limit and
    /// no <c>count</c> was given.
    /// </summary>
    public ValueSet Expand(ExpansionRequest request, IValueSetProvider valueSets, ICodeSystemProvider codeSystems, CancellationToken cancellationToken = default)
    {
        if (request.Offset < 0 || request.Count < 0)
        {
            throw TerminologyException.Invalid("EXPAND_PAGING_NEGATIVE", "The offset and count parameters must not be negative.");
        }

        var vs = ValueSetResolver.Resolve(request.ValueSet, request.Url, request.ValueSetVersion, valueSets, codeSystems);
        request = ApplyComposeDefaults(request, vs);
        var context = new EvaluationContext(
            codeSystems,
            valueSets,
            new VersionRules(request.SystemVersions, request.CheckSystemVersions, request.ForceSystemVersions),
            request.DefaultValueSetVersions,
            _options,
            cancellationToken);
        var compiled = CompiledValueSet.Compile(vs, context);
        if (context.DeferredErrors.Count > 0)
        {
            throw context.DeferredErrors[0];
        }

        foreach (var cs in context.UsedSystems)
        {
            context.Versions.Check(cs);
        }

        if (context.MissingSystems.Count > 0)
        {
            throw new TerminologyException(
                OperationOutcome.IssueType.NotFound,
                "UNKNOWN_CODESYSTEM_EXP",
                $"A definition for CodeSystem '{context.MissingSystems[0]}' could not be found, so the value set cannot be expanded")
            {
                TxIssueType = "not-found",
            };
        }

        var supplements = SupplementSet.Select(codeSystems, context.UsedSystems, request.UseSupplements.Concat(SupplementSet.NamedBy(vs)));

        // A value set written in one language is expanded in it unless the client asks for another.
        request = request with { DisplayLanguage = request.DisplayLanguage ?? vs.Language };
        // Members name their version when the expansion draws on several versions of a system, or when the value
        // set asks for several (even if a forced version then serves them all).
        var showVersion = context.UsedSystems.GroupBy(s => s.Url).Any(g => g.Count() > 1)
            || (vs.Compose?.Include.Where(i => i.System is not null).GroupBy(i => i.System).Any(g => g.Select(i => i.Version).Distinct().Count() > 1) ?? false);
        var writer = new ExpansionWriter(request, supplements, showVersion);
        var expansion = new ValueSet.ExpansionComponent
        {
            Identifier = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            TimestampElement = new FhirDateTime(_options.Clock.GetUtcNow()),
        };

        // compose.inactive = false makes the value set active-only whatever the request says.
        var activeOnly = request.ActiveOnly == true || vs.Compose?.Inactive == false;
        bool KeepConcept(Concept c) => !(activeOnly && c.IsInactive) && !(request.ExcludeNotForUI == true && c.IsAbstract);
        bool Keep(ExpansionItem item) => item.Concept is not { } c || KeepConcept(c);
        var limit = Math.Min(_options.MaxExpansionSize, request.TooCostlyThreshold ?? int.MaxValue);

        if (IsHierarchical(request, compiled))
        {
            var members = compiled.Enumerate(cancellationToken).Where(Keep).Take(limit + 1).ToList();
            CheckSize(members.Count, limit, request, vs);
            expansion.Total = members.Count;
            expansion.Contains.AddRange(BuildTree(members).Select(writer.Write));
        }
        else
        {
            var offset = request.Offset ?? 0;
            var text = TextFilter.Create(request.Filter);
            var (page, total) = IndexedTextFilter.TryPage(compiled, request, text, Keep, supplements, offset)
                ?? (text is null && request.Count is { } count ? CountAndPage(compiled, Keep, activeOnly || request.ExcludeNotForUI == true ? KeepConcept : null, offset, count, cancellationToken)
                    : Page(Collect(compiled, Keep, supplements, request, limit, vs, cancellationToken), offset, request.Count));
            CheckSize(total, limit, request, vs);
            expansion.Total = total;
            // Only a paged expansion says where its page starts.
            if (request.Offset is not null || request.Count is not null)
            {
                expansion.Offset = offset;
            }
            foreach (var item in page)
            {
                expansion.Contains.Add(writer.Write(item));
            }
        }

        writer.WritePropertyDeclarations(expansion);
        WriteParameters(expansion, request, context, supplements);
        if (compiled.ExcludesAcrossVersions)
        {
            expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "versionsMatch", Value = new FhirBoolean(true) });
        }

        // The answer identifies the value set and carries its expansion. The definition (compose, the value set's
        // own extensions, description, purpose, contact, copyright) is echoed only when includeDefinition asks for it:
        // that is what the parameter controls.
        var withDefinition = request.IncludeDefinition == true;
        return new ValueSet
        {
            Id = vs.Id,
            Extension = withDefinition ? [.. vs.Extension.Select(e => (Extension)e.DeepCopy())] : [],
            Compose = withDefinition ? (ValueSet.ComposeComponent?)vs.Compose?.DeepCopy() : null,
            Description = withDefinition ? vs.Description : null,
            Purpose = withDefinition ? vs.Purpose : null,
            Contact = withDefinition ? [.. vs.Contact.Select(c => (ContactDetail)c.DeepCopy())] : [],
            Url = vs.Url,
            Identifier = vs.Identifier,
            Version = vs.Version,
            Name = vs.Name,
            Title = vs.Title,
            Status = vs.Status,
            Experimental = vs.Experimental,
            Date = vs.Date,
            Publisher = vs.Publisher,
            Language = vs.Language,
            Copyright = withDefinition ? vs.Copyright : null,
            Expansion = expansion,
        };
    }

    /// <summary>
    /// A value set may carry default expansion parameters (compose extension <c>valueset-expansion-parameter</c>);
    /// the request's own values win. Applied defaults are echoed like the client's.
    /// </summary>
    private static ExpansionRequest ApplyComposeDefaults(ExpansionRequest request, ValueSet vs)
    {
        foreach (var (name, value) in ComposeParameters.All(vs))
        {
            bool? flag = value == "true" ? true : value == "false" ? false : null;
            request = name switch
            {
                P.DisplayLanguage => request with { DisplayLanguage = request.DisplayLanguage ?? value },
                P.ActiveOnly => request with { ActiveOnly = request.ActiveOnly ?? flag },
                P.IncludeDesignations => request with { IncludeDesignations = request.IncludeDesignations ?? flag },
                P.IncludeDefinition => request with { IncludeDefinition = request.IncludeDefinition ?? flag },
                P.ExcludeNested => request with { ExcludeNested = request.ExcludeNested ?? flag },
                P.ExcludeNotForUI => request with { ExcludeNotForUI = request.ExcludeNotForUI ?? flag },
                _ => request,
            };
        }

        return request;
    }

    /// <summary>
    /// The members in order: the order of the includes, or best match first when there is a text filter.
    /// Stops as soon as the size limit is passed when the client did not ask for a page.
    /// </summary>
    private static List<ExpansionItem> Collect(
        CompiledValueSet compiled, Func<ExpansionItem, bool> keep, SupplementSet supplements,
        ExpansionRequest request, int limit, ValueSet vs, CancellationToken cancellationToken)
    {
        var text = TextFilter.Create(request.Filter);
        var ranked = new List<(ExpansionItem Item, long Key, int Position)>();
        // Members come system by system: whether a system is administrative is asked when the system changes.
        CodeSystemIndex? lastSystem = null;
        var administrative = false;
        foreach (var item in compiled.Enumerate(cancellationToken))
        {
            if (!keep(item))
            {
                continue;
            }

            long key = 0;
            if (text is not null)
            {
                // Code and display first; designations are scanned in place only when those miss (the
                // type-ahead hot loop over a whole code system must not build a list per concept).
                var level = text.CodeOrDisplayLevel(item.Code, item.Display)
                    ?? (AnyDesignationMatches(item, supplements, text) ? MatchLevel.Designation : null);
                if (level is not { } matched)
                {
                    continue;
                }

                if (!ReferenceEquals(item.System, lastSystem))
                {
                    lastSystem = item.System;
                    administrative = TextRank.IsAdministrative(lastSystem.Url);
                }

                key = text.Key(matched, administrative, item.Code, item.Display, item.IsInactive);
            }

            ranked.Add((item, key, ranked.Count));
            if (request.Count is null && ranked.Count > limit)
            {
                CheckSize(ranked.Count, limit, request, vs);
            }
        }

        if (text is not null)
        {
            ranked.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Position.CompareTo(b.Position));
        }

        return ranked.ConvertAll(r => r.Item);
    }

    /// <summary>
    /// A page of an unranked expansion (no text filter): members keep their order, so only the page is kept and the
    /// rest is counted; a page of 100 of SNOMED CT's 112,000 clinical findings does not build a list of all of them.
    /// </summary>
    private static (List<ExpansionItem> Page, int Total) CountAndPage(
        CompiledValueSet compiled, Func<ExpansionItem, bool> keep, Func<Concept, bool>? keepConcept, int offset, int count, CancellationToken cancellationToken)
    {
        var page = new List<ExpansionItem>(Math.Min(count, 1000));
        if (compiled.CountAndPage(keepConcept, offset, count, page, cancellationToken) is { } counted)
        {
            return (page, counted);
        }

        var total = 0;
        foreach (var item in compiled.Enumerate(cancellationToken))
        {
            if (keep(item))
            {
                if (total >= offset && page.Count < count)
                {
                    page.Add(item);
                }

                total++;
            }
        }

        return (page, total);
    }

    private static (List<ExpansionItem> Page, int Total) Page(List<ExpansionItem> members, int offset, int? count) =>
        (members.Skip(offset).Take(count ?? int.MaxValue).ToList(), members.Count);

    private static bool AnyDesignationMatches(ExpansionItem item, SupplementSet supplements, TextFilter text)
    {
        if (item.Listed is { } listed)
        {
            foreach (var d in listed.Designation)
            {
                if (d.Value is { } v && text.Matches(v))
                {
                    return true;
                }
            }
        }

        if (item.Concept is { } c)
        {
            foreach (var d in c.Designations)
            {
                if (text.Matches(d.Value))
                {
                    return true;
                }
            }
        }

        if (supplements.All.Count > 0)
        {
            foreach (var (_, extra) in supplements.ConceptsFor(item.System, item.Code))
            {
                foreach (var d in extra.Designations)
                {
                    if (text.Matches(d.Value))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static void CheckSize(int total, int limit, ExpansionRequest request, ValueSet vs)
    {
        if (request.Count is null && total > limit)
        {
            throw new TerminologyException(
                OperationOutcome.IssueType.TooCostly,
                "VALUESET_TOO_COSTLY",
                // tx.fhir.org's wording, which clients and HL7's cases match; count/offset page a large expansion.
                $"The value set '{vs.Url}' expansion has too many codes to produce (>{limit})")
            {
            };
        }
    }

    /// <summary>
    /// A value set drawn by filters (or whole) from one hierarchical code system (not SNOMED CT) is expanded as a tree, as
    /// tx.fhir.org does, unless the client asked for a flat list, a text filter or a page. A list of codes
    /// stays flat: its author chose the order.
    /// </summary>
    private static bool IsHierarchical(ExpansionRequest request, CompiledValueSet compiled)
    {
        if (request.ExcludeNested == true || request.Filter is { Length: > 0 } || request.Offset is not null || request.Count is not null)
        {
            return false;
        }

        var includes = compiled.Includes;
        return includes.Count > 0
            && includes.All(i => i.System is not null && i.Listed is null && i.Imports.Count == 0 && ReferenceEquals(i.System, includes[0].System))
            && includes[0].System!.HasHierarchy
            // SNOMED CT's polyhierarchy is expanded flat, as every SNOMED CT server answers (and HL7's cases expect).
            && includes[0].System!.Model is not Snomed.SnomedEdition;
    }

    /// <summary>
    /// Hangs each member under its nearest ancestor that is also a member (the parent it was nested under
    /// first); members whose ancestors are all outside the expansion are roots. Member order is kept.
    /// </summary>
    private static List<ExpansionWriter.Node> BuildTree(List<ExpansionItem> members)
    {
        var nodes = new Dictionary<int, ExpansionWriter.Node>(members.Count);
        foreach (var m in members)
        {
            nodes.TryAdd(m.Concept!.Index, new ExpansionWriter.Node(m, []));
        }

        var roots = new List<ExpansionWriter.Node>();
        foreach (var m in members)
        {
            var node = nodes[m.Concept!.Index];
            if (NearestMemberAncestor(m.System, m.Concept, nodes) is { } parent)
            {
                parent.Children.Add(node);
            }
            else
            {
                roots.Add(node);
            }
        }

        return roots;
    }

    private static ExpansionWriter.Node? NearestMemberAncestor(CodeSystemIndex cs, Concept concept, Dictionary<int, ExpansionWriter.Node> nodes)
    {
        // The common cases without a queue: a root, or a member whose nesting parent (searched first) is a member too.
        if (concept.Parents.Length == 0)
        {
            return null;
        }

        if (concept.NestedUnder >= 0 && nodes.TryGetValue(concept.NestedUnder, out var nestedUnder))
        {
            return nestedUnder;
        }

        var queue = new Queue<int>(concept.NestedUnder >= 0 ? concept.Parents.OrderBy(p => p == concept.NestedUnder ? 0 : 1) : concept.Parents);
        var seen = new HashSet<int>();
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            if (!seen.Add(i))
            {
                continue;
            }

            if (nodes.TryGetValue(i, out var node))
            {
                return node;
            }

            foreach (var p in cs.Concepts[i].Parents)
            {
                queue.Enqueue(p);
            }
        }

        return null;
    }

    /// <summary>Echoes the parameters that shaped the expansion, then what it was built from.</summary>
    private static void WriteParameters(ValueSet.ExpansionComponent expansion, ExpansionRequest request, EvaluationContext context, SupplementSet supplements)
    {
        void Add(string name, DataType? value)
        {
            if (value is not null)
            {
                expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = name, Value = value });
            }
        }

        FhirBoolean? Bool(bool? b) => b is null ? null : new FhirBoolean(b);
        Add(P.Filter, request.Filter is { Length: > 0 } f ? new FhirString(f) : null);
        Add(P.Offset, request.Offset is { } o ? new Integer(o) : null);
        Add(P.Count, request.Count is { } n ? new Integer(n) : null);
        Add(P.ActiveOnly, Bool(request.ActiveOnly));
        Add(P.IncludeDesignations, Bool(request.IncludeDesignations));
        foreach (var d in request.Designations)
        {
            Add(P.Designation, new FhirString(d));
        }

        Add(P.DisplayLanguage, request.DisplayLanguage is { Length: > 0 } l ? new Code(l) : null);
        Add(P.IncludeDefinition, Bool(request.IncludeDefinition));
        Add(P.ExcludeNested, Bool(request.ExcludeNested));
        Add(P.ExcludeNotForUI, Bool(request.ExcludeNotForUI));
        // system-version and check-system-version are echoed only where they chose the version of content that
        // names none (like tx.fhir.org); otherwise used-codesystem already says all. A forced version always is.
        foreach (var (name, values) in new[]
                 {
                     (P.SystemVersion, (IEnumerable<string>)context.Versions.AppliedDefaults),
                     (P.CheckSystemVersion, context.Versions.AppliedChecks),
                     (P.ForceSystemVersion, request.ForceSystemVersions),
                     (P.DefaultValueSetVersion, request.DefaultValueSetVersions),
                 })
        {
            foreach (var v in values)
            {
                Add(name, new FhirUri(v));
            }
        }

        foreach (var cs in context.UsedSystems)
        {
            Add(P.UsedCodeSystem, new FhirUri(cs.ToString()));
        }

        // Content that is not (or no longer) ready for use is flagged so that clients can warn their users.
        foreach (var (status, canonical, _) in ContentStatus.Warnings(context))
        {
            Add($"warning-{status}", new FhirUri(canonical));
        }

        foreach (var vs in context.UsedValueSets)
        {
            Add(P.UsedValueSet, new FhirUri(vs));
        }

        // An expansion over a fragment of a code system is incomplete, and says so (valueset-unclosed).
        foreach (var cs in context.UsedSystems.Where(cs => cs.Info.Content == "fragment"))
        {
            Add("used-fragment", new FhirUri(cs.ToString()));
            expansion.SetExtension("http://hl7.org/fhir/StructureDefinition/valueset-unclosed", new FhirBoolean(true));
            expansion.SetExtension(
                "http://hl7.org/fhir/StructureDefinition/valueset-unclosed-reason",
                new FhirString($"This extension is based on a fragment of the code system {cs.Url}"));
        }

        // A code system with a grammar (SNOMED CT expressions) has members no expansion can list.
        if (context.Unclosed.Count > 0)
        {
            expansion.SetExtension("http://hl7.org/fhir/StructureDefinition/valueset-unclosed", new FhirBoolean(true));
            if (context.Unclosed.FirstOrDefault(r => r.Length > 0) is { } reason)
            {
                expansion.SetExtension("http://hl7.org/fhir/StructureDefinition/valueset-unclosed-reason", new FhirString(reason));
            }
        }

        foreach (var s in supplements.All)
        {
            Add(P.UsedSupplement, new FhirUri(s.ToString()));
        }
    }
}
