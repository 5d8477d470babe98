using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// State shared while one value set is compiled for an expansion or a validation: the providers, the
/// version rules, the chain of imports being followed (for cycle detection) and what was used (for the echo).
/// </summary>
internal sealed class EvaluationContext(
    ICodeSystemProvider codeSystems,
    IValueSetProvider valueSets,
    VersionRules versions,
    IReadOnlyList<string> defaultValueSetVersions,
    ValueSetEngineOptions options,
    CancellationToken cancellationToken)
{
    private readonly List<string> _importChain = [];
    private readonly List<ValueSet> _compiling = [];
    private readonly Dictionary<string, string> _defaultValueSetVersions = defaultValueSetVersions
        .Select(Canonical.Split)
        .Where(c => c.Version is not null)
        .GroupBy(c => c.Url)
        .ToDictionary(g => g.Key, g => g.Last().Version!, StringComparer.Ordinal);

    public ICodeSystemProvider CodeSystems { get; } = codeSystems;
    public IValueSetProvider ValueSets { get; } = valueSets;
    public VersionRules Versions { get; } = versions;
    public ValueSetEngineOptions Options { get; } = options;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Code system versions used, in first-use order.</summary>
    public List<CodeSystemIndex> UsedSystems { get; } = [];

    /// <summary>Why the expansion cannot be complete (a grammar's codes cannot be listed): reasons, "" when none is stated.</summary>
    public List<string> Unclosed { get; } = [];

    /// <summary>Imported value sets used, as <c>url|version</c>, in first-use order.</summary>
    public List<string> UsedValueSets { get; } = [];

    /// <summary>Every value set compiled (the root and its imports), in first-use order.</summary>
    public List<ValueSet> CompiledValueSets { get; } = [];

    /// <summary>Code systems the value set names but the server does not hold, as <c>url</c> or <c>url|version</c>.</summary>
    public List<string> MissingSystems { get; } = [];

    /// <summary>Imported value sets that could not be found (recorded instead of thrown when <see cref="Lenient"/>).</summary>
    public List<string> MissingValueSets { get; } = [];

    /// <summary>True for validation: a missing import makes codes fail with an issue instead of failing the request.</summary>
    public bool Lenient { get; init; }

    /// <summary>Why code systems were missing (e.g. an unknown version), for the expander to raise.</summary>
    public List<TerminologyException> DeferredErrors { get; } = [];

    /// <summary>
    /// A context for one more request on a value set compiled earlier with this one: the same rules and what
    /// the compile found (systems used, missing...), the request's own providers and cancellation.
    /// </summary>
    public EvaluationContext Rebind(ICodeSystemProvider codeSystems, IValueSetProvider valueSets, CancellationToken cancellationToken)
    {
        var copy = new EvaluationContext(codeSystems, valueSets, Versions, [], Options, cancellationToken) { Lenient = Lenient };
        copy.UsedSystems.AddRange(UsedSystems);
        copy.Unclosed.AddRange(Unclosed);
        copy.UsedValueSets.AddRange(UsedValueSets);
        copy.CompiledValueSets.AddRange(CompiledValueSets);
        copy.MissingSystems.AddRange(MissingSystems);
        copy.MissingValueSets.AddRange(MissingValueSets);
        copy.DeferredErrors.AddRange(DeferredErrors);
        return copy;
    }

    public void Use(CodeSystemIndex cs)
    {
        if (!UsedSystems.Contains(cs))
        {
            UsedSystems.Add(cs);
        }
    }

    /// <summary>Finds an imported value set, applying <c>default-valueset-version</c> when the import names no version.</summary>
    public ValueSet? ResolveImport(string canonical)
    {
        if (canonical.StartsWith('#'))
        {
            // A contained value set, looked up in the value sets being compiled, innermost first.
            var id = canonical[1..];
            var contained = Enumerable.Range(0, _compiling.Count).Select(i => _compiling[^(i + 1)])
                .SelectMany(v => v.Contained.OfType<ValueSet>())
                .FirstOrDefault(v => v.Id == id);
            if (contained is not null)
            {
                return contained;
            }
        }

        var (url, version) = Canonical.Split(canonical);
        version ??= _defaultValueSetVersions.GetValueOrDefault(url);
        var found = canonical.StartsWith('#') ? null : ValueSets.Find(url, version) ?? Search.ImplicitValueSets.Find(url, version, CodeSystems);
        if (found is null && Lenient)
        {
            MissingValueSets.Add(version is null ? url : $"{url}|{version}");
            return null;
        }

        var vs = found ?? throw new TerminologyException(
            OperationOutcome.IssueType.NotFound,
            version is null ? "VS_EXP_IMPORT_UNK" : "VS_EXP_IMPORT_UNK_PINNED",
            version is null ? $"Unable to find included value set '{url}'" : $"Unable to find included value set '{url}' version '{version}'")
        {
            TxIssueType = "not-found",
        };
        var used = vs.Version is null ? vs.Url ?? url : $"{vs.Url}|{vs.Version}";
        if (!UsedValueSets.Contains(used))
        {
            UsedValueSets.Add(used);
        }

        return vs;
    }

    /// <summary>Marks <paramref name="vs"/> as being compiled; throws on a cycle or an import chain that is too deep.</summary>
    public void Enter(ValueSet vs)
    {
        var key = vs.Version is null ? vs.Url ?? "(inline)" : $"{vs.Url}|{vs.Version}";
        if (_importChain.Contains(key))
        {
            throw new TerminologyException(
                OperationOutcome.IssueType.Processing,
                "VALUESET_CIRCULAR_REFERENCE",
                $"Found a circularity pointing to {key} processing ValueSet with pathway [{string.Join(", ", _importChain)}]: {string.Join(" -> ", _importChain.SkipWhile(k => k != key).Append(key))}.")
            {
                TxIssueType = "vs-invalid",
            };
        }

        if (_importChain.Count >= Options.MaxImportDepth)
        {
            throw new TerminologyException(
                OperationOutcome.IssueType.TooCostly,
                "VALUESET_IMPORT_TOO_DEEP",
                $"The value set imports are nested more than {Options.MaxImportDepth} levels deep: {string.Join(" -> ", _importChain)}.");
        }

        _importChain.Add(key);
        _compiling.Add(vs);
        if (!CompiledValueSets.Contains(vs))
        {
            CompiledValueSets.Add(vs);
        }
    }

    public void Leave()
    {
        _importChain.RemoveAt(_importChain.Count - 1);
        _compiling.RemoveAt(_compiling.Count - 1);
    }
}
