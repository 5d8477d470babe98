using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;

namespace TerminologyServer.Engine.Compose;

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

    /// <summary>Stands for an import that could not be found: it has no members.</summary>
    public static CompiledValueSet Nothing { get; } = new(new ValueSet(), [], []);

    public IReadOnlyList<CompiledInclude> Includes => _includes;

    /// <summary>True when the value set is one whole code system: a single include without list, filters or imports, and no excludes.</summary>
    public bool IsWholeSystem => _includes is [{ IsWholeSystem: true }] && _excludes.Count == 0;

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

            var includes = compose.Include.Select((i, n) => CompiledInclude.Compile(i, context, $"ValueSet.compose.include[{n}]")).ToList();
            var excludes = compose.Exclude.Select((i, n) => CompiledInclude.Compile(i, context, $"ValueSet.compose.exclude[{n}]")).ToList();
            var stated = ComposeParameters.Get(vs, "versionsMatch");
            var versionsMatch = stated is not null ? stated == "true" : IsVersionDiff(includes, excludes);
            return new CompiledValueSet(vs, includes, excludes) { VersionsMatch = versionsMatch, ProcessingOrder = NewestVersionFirst(includes) };
        }
        finally
        {
            context.Leave();
        }
    }

    /// <summary>Builds what <see cref="Find"/> would build on first use, before the compiled form is shared between requests.</summary>
    public void Prepare()
    {
        foreach (var include in _includes.Concat(_excludes))
        {
            include.Prepare();
        }
    }

    /// <summary>Every member, each (system, version, code) once, in the order of the includes.</summary>
    public IEnumerable<ExpansionItem> Enumerate(CancellationToken cancellationToken)
    {
        // One include of a code system (no list) cannot repeat a code, so the duplicate check is skipped there.
        // When versions match, the versions of a system are one code list: a code shared by two versions is one
        // member (taken from the newest, which is processed first); otherwise each version keeps its own entry.
        var seen = _includes is [{ Listed: null, System: not null }] ? null : new HashSet<(string, string?, string)>();
        foreach (var include in ProcessingOrder)
        {
            foreach (var item in include.Enumerate(cancellationToken))
            {
                if ((_excludes.Count == 0 || !IsExcluded(item)) && (seen is null || seen.Add((item.System.Url, VersionsMatch ? null : item.System.Version, item.Code))))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>
    /// A page of the members and their count without enumerating them one by one (see
    /// <see cref="CompiledInclude.CountAndPage"/>): for one include and no excludes; null otherwise.
    /// </summary>
    public int? CountAndPage(Func<Concept, bool>? keep, int offset, int count, List<ExpansionItem> page, CancellationToken cancellationToken) =>
        _includes is [var only] && _excludes.Count == 0 ? only.CountAndPage(keep, offset, count, page, cancellationToken) : null;

    /// <summary>
    /// The member for <paramref name="code"/> of <paramref name="system"/>, or null when it is not in the value
    /// set. With <paramref name="version"/> the code is judged in that code system version (a coding that states
    /// its version), provided the includes admit that version.
    /// </summary>
    public ExpansionItem? Find(string system, string code, CodeSystemIndex? version = null)
    {
        // Several includes may take the code from different versions: the latest version that an exclude leaves answers.
        ExpansionItem? best = null;
        foreach (var include in _includes)
        {
            if (include.Find(system, code, version) is { } item
                && (best is null || VersionComparer.Instance.Compare(item.System.Version, best.System.Version) > 0)
                && (_excludes.Count == 0 || !IsExcluded(item)))
            {
                best = item;
            }
        }

        return best;
    }

    /// <summary>Every member entry for the code, one per version the includes take it from (latest first).</summary>
    public IReadOnlyList<ExpansionItem> FindAll(string system, string code) =>
        _includes.Select(i => i.Find(system, code)).OfType<ExpansionItem>()
            .Where(item => !IsExcluded(item))
            .OrderByDescending(item => item.System.Version, VersionComparer.Instance)
            .ToList();

    /// <summary>
    /// True when the versions of a code system are taken as one list of codes: an exclude then removes a code from
    /// every version and a code two versions share is one member. The value set states it (compose extension
    /// <c>valueset-expansion-parameter</c> versionsMatch); unstated, it holds only for a "diff" of versions (see
    /// <see cref="IsVersionDiff"/>). Otherwise an exclude removes codes of the version it resolves to, nothing else.
    /// </summary>
    public bool VersionsMatch { get; private init; }

    /// <summary>True when versions are matched (echoed as the expansion parameter versionsMatch).</summary>
    public bool ExcludesAcrossVersions => VersionsMatch;

    /// <summary>The includes in the order their members are listed: see <see cref="NewestVersionFirst"/>.</summary>
    private IReadOnlyList<CompiledInclude> ProcessingOrder { get; init; } = [];

    /// <summary>The versions (or version patterns, null for "any") the includes state for <paramref name="system"/>.</summary>
    public IEnumerable<string?> StatedVersions(string system) => IncludeVersions(system).Select(v => v.Stated);

    /// <summary>For each include of <paramref name="system"/>: the version it asks for after the request's rules, and the one it names itself.</summary>
    public IEnumerable<(string? Stated, string? Written)> IncludeVersions(string system) =>
        _includes.SelectMany(i => i.SystemUrl == system ? [(i.StatedVersion, i.WrittenVersion)] : i.Imports.SelectMany(v => v.IncludeVersions(system)));

    /// <summary>Code systems the includes draw from (for inferring a system from a bare code).</summary>
    public IEnumerable<CodeSystemIndex> Systems() =>
        _includes.SelectMany(i => i.System is null ? i.Imports.SelectMany(v => v.Systems()) : [i.System]).Distinct();

    /// <summary>
    /// An exclude of a code system removes the codes it selects in the version it resolves to (its own, else the
    /// latest); when versions match, it removes them from every version. An exclude of value sets removes their members.
    /// </summary>
    private bool IsExcluded(ExpansionItem item)
    {
        foreach (var e in _excludes)
        {
            var hit = e.System is { } own
                ? own.Url == item.System.Url && (VersionsMatch || own.Version == item.System.Version) && e.Find(item.System.Url, item.Code) is not null
                : e.SystemUrl is null && e.Find(item.System.Url, item.Code, item.System) is not null;
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Versions are matched unasked when the value set compares versions of one code system: every include and
    /// exclude names that system with a version, and no exclude names a version an include takes (include 2.0,
    /// exclude 1.0: the codes 2.0 added).
    /// </summary>
    private static bool IsVersionDiff(List<CompiledInclude> includes, List<CompiledInclude> excludes)
    {
        if (includes.Count == 0 || excludes.Count == 0 || includes[0].SystemUrl is not { } system)
        {
            return false;
        }

        bool Versioned(CompiledInclude i) => i.SystemUrl == system && i.WrittenVersion is not null;
        return includes.All(Versioned) && excludes.All(Versioned)
            && !excludes.Any(e => includes.Any(i => i.WrittenVersion == e.WrittenVersion));
    }

    /// <summary>
    /// Includes that name two versions of one code system are processed newest version first, in the places those
    /// includes hold; an include without a version keeps its place. So a code two versions share is listed from
    /// the newest first, or (versions matched) taken from it.
    /// </summary>
    private static List<CompiledInclude> NewestVersionFirst(List<CompiledInclude> includes)
    {
        var order = new List<CompiledInclude>(includes);
        foreach (var group in includes.Select((include, slot) => (include, slot))
                     .Where(x => x.include.SystemUrl is not null && x.include.WrittenVersion is not null)
                     .GroupBy(x => x.include.SystemUrl))
        {
            var slots = group.Select(x => x.slot).ToList();
            var newestFirst = group.Select(x => x.include)
                .OrderByDescending(i => i.WrittenVersion, VersionComparer.Instance)
                .ToList();
            for (var k = 0; k < slots.Count; k++)
            {
                order[slots[k]] = newestFirst[k];
            }
        }

        return order;
    }
}
