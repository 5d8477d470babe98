using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// One <c>compose.include</c> or <c>exclude</c>: a code system version with an optional concept list and
/// filters, intersected with every value set it imports (all of them must contain the code).
/// </summary>
internal sealed class CompiledInclude
{
    private readonly Dictionary<CodeSystemIndex, IReadOnlyList<CompiledFilter>> _filtersByVersion = [];
    private Dictionary<string, ValueSet.ConceptReferenceComponent>? _listedByCode;
    private IReadOnlyList<ValueSet.FilterComponent> _filterSources = [];
    private TimeSpan _regexTimeout;
    private string _path = "";

    public CodeSystemIndex? System { get; private init; }

    /// <summary>The code system the include names, held or not.</summary>
    public string? SystemUrl { get; private init; }

    /// <summary>The version (or pattern) the include asks for after the request's version rules; null for any.</summary>
    public string? StatedVersion { get; private init; }

    /// <summary>The version the include itself names, before the request's version rules; null when it names none.</summary>
    public string? WrittenVersion { get; private init; }

    public IReadOnlyList<ValueSet.ConceptReferenceComponent>? Listed { get; private init; }
    public IReadOnlyList<CompiledFilter> Filters { get; private init; } = [];
    public IReadOnlyList<CompiledValueSet> Imports { get; private init; } = [];

    /// <summary>True when the include takes a whole code system: no concepts, filters or imports.</summary>
    public bool IsWholeSystem => System is not null && Listed is null && Filters.Count == 0 && Imports.Count == 0;

    /// <param name="path">Where the include sits in its value set (<c>ValueSet.compose.include[0]</c>), to locate errors.</param>
    public static CompiledInclude Compile(ValueSet.ConceptSetComponent include, EvaluationContext context, string path)
    {
        var imports = new List<CompiledValueSet>();
        foreach (var canonical in include.ValueSet.OfType<string>())
        {
            imports.Add(context.ResolveImport(canonical) is { } imported ? CompiledValueSet.Compile(imported, context) : CompiledValueSet.Nothing);
        }

        if (string.IsNullOrEmpty(include.System))
        {
            if (imports.Count == 0)
            {
                throw new TerminologyException(
                    OperationOutcome.IssueType.Invalid,
                    "VALUESET_INCLUDE_EMPTY",
                    "A compose.include must name a system or a valueSet.")
                {
                    TxIssueType = "vs-invalid",
                };
            }

            return new CompiledInclude { Imports = imports };
        }

        var stated = context.Versions.EffectiveVersion(include.System, include.Version);
        CodeSystemIndex? cs;
        try
        {
            cs = context.Versions.Resolve(context.CodeSystems, include.System, include.Version, "the value set cannot be expanded", check: false);
        }
        catch (TerminologyException ex)
        {
            // An unknown version is fatal for an expansion but only an issue for a validation: the caller decides.
            context.DeferredErrors.Add(ex);
            cs = null;
        }

        if (cs is null)
        {
            var missing = stated is null ? include.System : $"{include.System}|{stated}";
            if (!context.MissingSystems.Contains(missing))
            {
                context.MissingSystems.Add(missing);
            }

            return new CompiledInclude { SystemUrl = include.System, StatedVersion = stated, WrittenVersion = include.Version, Imports = imports, Listed = include.Concept.Count > 0 ? include.Concept : null };
        }

        context.Use(cs);
        if (cs.Behaviour?.UnclosedReason(cs, include) is { } unclosed && !context.Unclosed.Contains(unclosed))
        {
            context.Unclosed.Add(unclosed);
        }

        var filters = include.Filter.Select((f, n) => FilterCompiler.Compile(cs, f, context.Options.RegexTimeout, $"{path}.filter[{n}]")).ToList();
        return new CompiledInclude
        {
            System = cs,
            SystemUrl = include.System,
            StatedVersion = stated,
            WrittenVersion = include.Version,
            Listed = include.Concept.Count > 0 ? include.Concept : null,
            Filters = filters,
            Imports = imports,
            _filterSources = include.Filter,
            _path = path,
            _regexTimeout = context.Options.RegexTimeout,
        };
    }

    public IEnumerable<ExpansionItem> Enumerate(CancellationToken cancellationToken)
    {
        if (System is null)
        {
            // Without a system (or with one the server does not hold, reported by the caller) only the
            // imported value sets define the members.
            return Imports.Count == 0
                ? []
                : Imports[0].Enumerate(cancellationToken).Where(item => Imports.Skip(1).All(v => v.Find(item.System.Url, item.Code, item.System) is not null));
        }

        return EnumerateSystem(System, cancellationToken);
    }

    private IEnumerable<ExpansionItem> EnumerateSystem(CodeSystemIndex cs, CancellationToken cancellationToken)
    {
        var n = 0;
        foreach (var item in Candidates(cs))
        {
            if ((++n & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (PassesFilters(item, Filters) && InImports(cs, item.Code))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// A page of the members (those <paramref name="keep"/> passes, all when it is null; from <paramref name="offset"/>
    /// on, at most <paramref name="count"/>, in the order of <see cref="Enumerate"/>) and how many there are, with a
    /// member object only for the page and no test of a filter whose <see cref="CompiledFilter.Positions"/> are the
    /// members: with nothing else to test, the count is the length of those positions and the page a slice of them.
    /// Only for an include of a held code system without a concept list or imports: null otherwise (enumerate instead).
    /// </summary>
    public int? CountAndPage(Func<Concept, bool>? keep, int offset, int count, List<ExpansionItem> page, CancellationToken cancellationToken)
    {
        if (System is not { IsEnumerable: true } cs || Listed is not null || Imports.Count > 0)
        {
            return null;
        }

        // The same source as Candidates: the first filter that bounds the scan, else the whole code system.
        var bounded = Filters.FirstOrDefault(f => f.Candidates is not null);
        var checks = bounded?.Positions is null ? Filters : Filters.Where(f => f != bounded).ToList();
        if (keep is null && checks.Count == 0 && bounded is null)
        {
            foreach (var c in cs.Concepts.Skip(offset).Take(count))
            {
                page.Add(new ExpansionItem(cs, c.Code, c, null));
            }

            return cs.Concepts.Length;
        }

        if (keep is null && checks.Count == 0 && bounded?.Positions is { } exact)
        {
            var members = exact();
            for (var i = offset; i < members.Count && page.Count < count; i++)
            {
                var c = cs.Concepts[members[i]];
                page.Add(new ExpansionItem(cs, c.Code, c, null));
            }

            return members.Count;
        }

        var total = 0;
        void Visit(Concept c)
        {
            foreach (var f in checks)
            {
                if (!f.Matches(c))
                {
                    return;
                }
            }

            if (keep is null || keep(c))
            {
                if (total >= offset && page.Count < count)
                {
                    page.Add(new ExpansionItem(cs, c.Code, c, null));
                }

                total++;
            }
        }

        var n = 0;
        if (bounded?.Positions is { } positions)
        {
            foreach (var p in positions())
            {
                if ((++n & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Visit(cs.Concepts[p]);
            }
        }
        else
        {
            foreach (var c in bounded?.Candidates!() ?? cs.Concepts)
            {
                if ((++n & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Visit(c);
            }
        }

        return total;
    }

    // Not a lambda in the loop above: its closure would be allocated for every concept scanned, imports or not.
    private bool InImports(CodeSystemIndex cs, string code)
    {
        foreach (var v in Imports)
        {
            if (v.Find(cs.Url, code, cs) is null)
            {
                return false;
            }
        }

        return true;
    }

    private IEnumerable<ExpansionItem> Candidates(CodeSystemIndex cs)
    {
        if (Listed is not null)
        {
            foreach (var listed in Listed)
            {
                if (ItemFor(cs, listed.Code, listed) is { } item)
                {
                    yield return item;
                }
            }

            yield break;
        }

        if (!cs.IsEnumerable)
        {
            throw NotEnumerable(cs);
        }

        // A filter that names part of the hierarchy bounds the scan; the others are then checked as predicates.
        var bounded = Filters.FirstOrDefault(f => f.Candidates is not null);
        var concepts = bounded?.Candidates!() ?? cs.Concepts;
        foreach (var c in concepts)
        {
            yield return new ExpansionItem(cs, c.Code, c, null);
        }
    }

    public ExpansionItem? Find(string system, string code, CodeSystemIndex? version = null)
    {
        if (System is null)
        {
            if (SystemUrl is not null || Imports.Count == 0 || Imports[0].Find(system, code, version) is not { } imported)
            {
                return null;
            }

            return Imports.Skip(1).All(v => v.Find(system, code, version) is not null) ? imported : null;
        }

        if (system != System.Url)
        {
            return null;
        }

        var target = System;
        var filters = Filters;
        if (version is not null && version.Url == System.Url && !ReferenceEquals(version, System))
        {
            if (StatedVersion is not null && !VersionRules.Matches(StatedVersion, version.Version))
            {
                return null;
            }

            target = version;
            filters = FiltersFor(version);
        }

        ExpansionItem? item;
        if (Listed is not null)
        {
            var listedByCode = LazyInitializer.EnsureInitialized(ref _listedByCode, () => BuildListedIndex(System));
            item = listedByCode.TryGetValue(code, out var listed) ? ItemFor(target, listed.Code, listed) : null;
        }
        else
        {
            item = target.Find(code) is { } c ? new ExpansionItem(target, c.Code, c, null) : null;
        }

        return item is not null && PassesFilters(item, filters) && Imports.All(v => v.Find(system, code, target) is not null) ? item : null;
    }

    /// <summary>Builds the index of the listed codes now, and those of the imported value sets.</summary>
    public void Prepare()
    {
        if (Listed is not null && System is not null)
        {
            LazyInitializer.EnsureInitialized(ref _listedByCode, () => BuildListedIndex(System));
        }

        foreach (var imported in Imports)
        {
            imported.Prepare();
        }
    }

    /// <summary>The include's filters compiled for another version of its code system (a coding that states its version).</summary>
    private IReadOnlyList<CompiledFilter> FiltersFor(CodeSystemIndex version)
    {
        lock (_filtersByVersion)
        {
            if (!_filtersByVersion.TryGetValue(version, out var filters))
            {
                filters = _filterSources.Select((f, n) => FilterCompiler.Compile(version, f, _regexTimeout, $"{_path}.filter[{n}]")).ToList();
                _filtersByVersion[version] = filters;
            }

            return filters;
        }
    }

    private Dictionary<string, ValueSet.ConceptReferenceComponent> BuildListedIndex(CodeSystemIndex cs)
    {
        var map = new Dictionary<string, ValueSet.ConceptReferenceComponent>(cs.Info.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var listed in Listed!)
        {
            if (listed.Code is not null)
            {
                map.TryAdd(listed.Code, listed);
            }
        }

        return map;
    }

    /// <summary>A code system defined by a grammar (BCP-47, UCUM...) can be asked about codes, not listed.</summary>
    private static TerminologyException NotEnumerable(CodeSystemIndex cs) => new(
        OperationOutcome.IssueType.TooCostly,
        "CODESYSTEM_NOT_ENUMERABLE",
        $"The code system '{cs.Url}' is defined by a grammar, so its codes cannot be enumerated: a value set that takes all of it, or filters it, "
        + "can be used to validate codes but not expanded. List the codes in compose.include.concept to expand them.")
    {
        TxIssueType = "too-costly",
    };

    /// <summary>
    /// A listed code the code system does not define is not a member, unless the server holds the code
    /// system only in part (fragment, example, not-present), where the value set's word is taken.
    /// </summary>
    private static ExpansionItem? ItemFor(CodeSystemIndex cs, string? code, ValueSet.ConceptReferenceComponent listed)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (cs.Find(code) is { } c)
        {
            return new ExpansionItem(cs, c.Code, c, listed);
        }

        return cs.Info.Content is "complete" or "supplement" ? null : new ExpansionItem(cs, code, null, listed);
    }

    private static bool PassesFilters(ExpansionItem item, IReadOnlyList<CompiledFilter> filters)
    {
        if (filters.Count == 0)
        {
            return true;
        }

        if (item.Concept is not { } c)
        {
            return false;
        }

        foreach (var f in filters)
        {
            if (!f.Matches(c))
            {
                return false;
            }
        }

        return true;
    }
}
