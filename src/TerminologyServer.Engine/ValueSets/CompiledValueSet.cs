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
            var versionsMatch = ComposeParameters.Get(vs, "versionsMatch");
            return new CompiledValueSet(vs, includes, excludes) { VersionsMatch = versionsMatch != "false" };
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
        var seen = _includes is [{ Listed: null, System: not null }] ? null : new HashSet<(string, string?, string)>();
        foreach (var include in _includes)
        {
            foreach (var item in include.Enumerate(cancellationToken))
            {
                if ((_excludes.Count == 0 || !IsExcluded(item)) && (seen is null || seen.Add((item.System.Url, item.System.Version, item.Code))))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>
    /// The member for <paramref name="code"/> of <paramref name="system"/>, or null when it is not in the value
    /// set. With <paramref name="version"/> the code is judged in that code system version (a coding that states
    /// its version), provided the includes admit that version.
    /// </summary>
    public ExpansionItem? Find(string system, string code, CodeSystemIndex? version = null)
    {
        // Several includes may take the code from different versions: the latest version answers.
        ExpansionItem? best = null;
        foreach (var include in _includes)
        {
            if (include.Find(system, code, version) is { } item
                && (best is null || VersionComparer.Instance.Compare(item.System.Version, best.System.Version) > 0))
            {
                best = item;
            }
        }

        return best is null || IsExcluded(best) ? null : best;
    }

    /// <summary>Every member entry for the code, one per version the includes take it from (latest first).</summary>
    public IReadOnlyList<ExpansionItem> FindAll(string system, string code) =>
        _includes.Select(i => i.Find(system, code)).OfType<ExpansionItem>()
            .Where(item => !IsExcluded(item))
            .OrderByDescending(item => item.System.Version, VersionComparer.Instance)
            .ToList();

    /// <summary>
    /// False when the value set asks (compose extension <c>valueset-expansion-parameter</c> versionsMatch=false)
    /// that an exclude only removes codes of the version it names; by default it removes the code from every version.
    /// </summary>
    public bool VersionsMatch { get; private init; } = true;

    /// <summary>True when an exclude removed codes of another version than its own (echoed as versionsMatch).</summary>
    public bool ExcludesAcrossVersions =>
        VersionsMatch && _excludes.Any(e => e.System is { } x && _includes.Any(i => i.System is { } y && y.Url == x.Url && !ReferenceEquals(x, y)));

    /// <summary>The versions (or version patterns, null for "any") the includes state for <paramref name="system"/>.</summary>
    public IEnumerable<string?> StatedVersions(string system) => IncludeVersions(system).Select(v => v.Stated);

    /// <summary>For each include of <paramref name="system"/>: the version it asks for after the request's rules, and the one it names itself.</summary>
    public IEnumerable<(string? Stated, string? Written)> IncludeVersions(string system) =>
        _includes.SelectMany(i => i.SystemUrl == system ? [(i.StatedVersion, i.WrittenVersion)] : i.Imports.SelectMany(v => v.IncludeVersions(system)));

    /// <summary>Code systems the includes draw from (for inferring a system from a bare code).</summary>
    public IEnumerable<CodeSystemIndex> Systems() =>
        _includes.SelectMany(i => i.System is null ? i.Imports.SelectMany(v => v.Systems()) : [i.System]).Distinct();

    /// <summary>An exclude removes the code whatever version it came from (judged in the exclude's own version), unless versions must match.</summary>
    private bool IsExcluded(ExpansionItem item) =>
        _excludes.Any(e => (VersionsMatch ? e.Find(item.System.Url, item.Code) : e.Find(item.System.Url, item.Code, item.System)) is not null);
}
