using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// A value set's <c>compose</c> compiled against the code systems and value sets it refers to. It both
/// enumerates its members (for <c>$expand</c>) and tests one code (for <c>$validate-code</c>) without
/// expanding, so the include/exclude/filter semantics are written once.
/// See https://hl7.org/fhir/R4/valueset.html#compositions.
/// </summary>
internal sealed class CompiledValueSet
{
    private readonly List<CompiledInclude> _includes;
    private readonly List<CompiledInclude> _excludes;

    private CompiledValueSet(ValueSet source, List<CompiledInclude> includes, List<CompiledInclude> excludes)
    {
        Source = source;
        _includes = includes;
        _excludes = excludes;
    }

    public ValueSet Source { get; }

    public IReadOnlyList<CompiledInclude> Includes => _includes;

    /// <summary>Compiles <paramref name="vs"/> and, recursively, the value sets it imports.</summary>
    public static CompiledValueSet Compile(ValueSet vs, EvaluationContext context)
    {
        context.Enter(vs);
        try
        {
            var compose = vs.Compose;
            if (compose is null)
            {
                throw new TerminologyException(
                    OperationOutcome.IssueType.NotSupported,
                    "VALUESET_NO_COMPOSE",
                    $"The value set '{vs.Url}' has no compose, so it cannot be expanded or used for validation.")
                {
                    TxIssueType = "vs-invalid",
                };
            }

            var includes = compose.Include.Select(i => CompiledInclude.Compile(i, context)).ToList();
            var excludes = compose.Exclude.Select(i => CompiledInclude.Compile(i, context)).ToList();
            return new CompiledValueSet(vs, includes, excludes);
        }
        finally
        {
            context.Leave();
        }
    }

    /// <summary>Every member, each (system, version, code) once, in the order of the includes.</summary>
    public IEnumerable<ExpansionItem> Enumerate(CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, string?, string)>();
        foreach (var include in _includes)
        {
            foreach (var item in include.Enumerate(cancellationToken))
            {
                if (!IsExcluded(item) && seen.Add((item.System.Url, item.System.Version, item.Code)))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>The member for <paramref name="code"/> of <paramref name="system"/>, or null when it is not in the value set.</summary>
    public ExpansionItem? Find(string system, string code)
    {
        foreach (var include in _includes)
        {
            if (include.Find(system, code) is { } item)
            {
                return IsExcluded(item) ? null : item;
            }
        }

        return null;
    }

    /// <summary>Code systems the includes draw from (for inferring a system from a bare code).</summary>
    public IEnumerable<CodeSystemIndex> Systems() =>
        _includes.SelectMany(i => i.System is null ? i.Imports.SelectMany(v => v.Systems()) : [i.System]).Distinct();

    private bool IsExcluded(ExpansionItem item) => _excludes.Any(e => e.Find(item.System.Url, item.Code) is not null);
}

/// <summary>
/// One <c>compose.include</c> or <c>exclude</c>: a code system version with an optional concept list and
/// filters, intersected with every value set it imports (all of them must contain the code).
/// </summary>
internal sealed class CompiledInclude
{
    private Dictionary<string, ValueSet.ConceptReferenceComponent>? _listedByCode;

    public CodeSystemIndex? System { get; private init; }
    public IReadOnlyList<ValueSet.ConceptReferenceComponent>? Listed { get; private init; }
    public IReadOnlyList<CompiledFilter> Filters { get; private init; } = [];
    public IReadOnlyList<CompiledValueSet> Imports { get; private init; } = [];

    /// <summary>True when the include takes a whole code system: no concepts, filters or imports.</summary>
    public bool IsWholeSystem => System is not null && Listed is null && Filters.Count == 0 && Imports.Count == 0;

    public static CompiledInclude Compile(ValueSet.ConceptSetComponent include, EvaluationContext context)
    {
        var imports = new List<CompiledValueSet>();
        foreach (var canonical in include.ValueSet.OfType<string>())
        {
            imports.Add(CompiledValueSet.Compile(context.ResolveImport(canonical), context));
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

        var cs = context.Versions.Resolve(context.CodeSystems, include.System, include.Version, "the value set cannot be expanded");
        if (cs is null)
        {
            var missing = include.Version is null ? include.System : $"{include.System}|{include.Version}";
            if (!context.MissingSystems.Contains(missing))
            {
                context.MissingSystems.Add(missing);
            }

            return new CompiledInclude { Imports = imports, Listed = include.Concept.Count > 0 ? include.Concept : null };
        }

        context.Use(cs);
        var filters = include.Filter.Select(f => FilterCompiler.Compile(cs, f, context.Options.RegexTimeout)).ToList();
        return new CompiledInclude
        {
            System = cs,
            Listed = include.Concept.Count > 0 ? include.Concept : null,
            Filters = filters,
            Imports = imports,
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
                : Imports[0].Enumerate(cancellationToken).Where(item => Imports.Skip(1).All(v => v.Find(item.System.Url, item.Code) is not null));
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

            if (PassesFilters(item) && Imports.All(v => v.Find(cs.Url, item.Code) is not null))
            {
                yield return item;
            }
        }
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

        // A filter that names part of the hierarchy bounds the scan; the others are then checked as predicates.
        var bounded = Filters.FirstOrDefault(f => f.Candidates is not null);
        var concepts = bounded?.Candidates!() ?? cs.Concepts;
        foreach (var c in concepts)
        {
            yield return new ExpansionItem(cs, c.Code, c, null);
        }
    }

    public ExpansionItem? Find(string system, string code)
    {
        if (System is null)
        {
            if (Imports.Count == 0 || Imports[0].Find(system, code) is not { } imported)
            {
                return null;
            }

            return Imports.Skip(1).All(v => v.Find(system, code) is not null) ? imported : null;
        }

        if (system != System.Url)
        {
            return null;
        }

        ExpansionItem? item;
        if (Listed is not null)
        {
            _listedByCode ??= BuildListedIndex(System);
            item = _listedByCode.TryGetValue(code, out var listed) ? ItemFor(System, listed.Code, listed) : null;
        }
        else
        {
            item = System.Find(code) is { } c ? new ExpansionItem(System, c.Code, c, null) : null;
        }

        return item is not null && PassesFilters(item) && Imports.All(v => v.Find(system, code) is not null) ? item : null;
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

    private bool PassesFilters(ExpansionItem item)
    {
        if (Filters.Count == 0)
        {
            return true;
        }

        if (item.Concept is not { } c)
        {
            return false;
        }

        foreach (var f in Filters)
        {
            if (!f.Matches(c))
            {
                return false;
            }
        }

        return true;
    }
}
