using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// Keeps the compiled form of the server's own value sets between requests, so that <c>$validate-code</c>
/// against a large value set is a dictionary lookup rather than a compile per call.
/// </summary>
/// <remarks>
/// An entry belongs to one registered <see cref="ValueSet"/> instance (the registry replaces the instance when
/// the resource changes, and the entry goes with the old one). While compiling, every url asked of the code
/// system and value set registries is recorded with the answer; an entry is reused only while the registries
/// still give the same answers, so a new, changed or deleted code system version (or imported value set)
/// that the value set depends on forces a recompile, while changes to unrelated resources do not.
/// Requests that carry their own resources (<c>tx-resource</c>, an inline value set) or version parameters
/// (which change what an include means) always compile afresh.
/// </remarks>
internal sealed class CompiledValueSetCache
{
    private readonly ConditionalWeakTable<ValueSet, Entry> _entries = new();
    private long _compiles;

    /// <summary>How many times a cacheable value set was compiled (a miss), for tests and diagnostics.</summary>
    public long Compiles => Interlocked.Read(ref _compiles);

    /// <summary>Compiled <paramref name="vs"/> with a context for this request, from the cache when still valid.</summary>
    public (CompiledValueSet Compiled, EvaluationContext Context) Get(
        ValueSet vs,
        ValidateCodeRequest request,
        IValueSetProvider valueSets,
        ICodeSystemProvider codeSystems,
        Func<ICodeSystemProvider, IValueSetProvider, EvaluationContext> newContext,
        CancellationToken cancellationToken)
    {
        if (!IsCacheable(vs, request, valueSets, codeSystems))
        {
            var context = newContext(codeSystems, valueSets);
            return (CompiledValueSet.Compile(vs, context), context);
        }

        if (_entries.TryGetValue(vs, out var entry) && entry.IsCurrent(codeSystems, valueSets))
        {
            return (entry.Compiled, entry.Context.Rebind(codeSystems, valueSets, cancellationToken));
        }

        Interlocked.Increment(ref _compiles);
        var recordedSystems = new RecordingCodeSystemProvider(codeSystems);
        var recordedValueSets = new RecordingValueSetProvider(valueSets);
        var compileContext = newContext(recordedSystems, recordedValueSets);
        var compiled = CompiledValueSet.Compile(vs, compileContext);
        compiled.Prepare();
        if (!recordedSystems.AskedForAll && !recordedValueSets.AskedForAll)
        {
            _entries.AddOrUpdate(vs, new Entry(compiled, compileContext, recordedSystems.Answers, recordedValueSets.Answers));
        }

        return (compiled, compileContext.Rebind(codeSystems, valueSets, cancellationToken));
    }

    /// <summary>Only a value set the registry holds, seen through the registries themselves, with no version parameters.</summary>
    private static bool IsCacheable(ValueSet vs, ValidateCodeRequest request, IValueSetProvider valueSets, ICodeSystemProvider codeSystems) =>
        codeSystems is CodeSystemRegistry
        && valueSets is ValueSetRegistry registry
        && request.SystemVersions.Count == 0
        && request.CheckSystemVersions.Count == 0
        && request.ForceSystemVersions.Count == 0
        && request.DefaultValueSetVersions.Count == 0
        && vs.Url is not null
        && registry.Holds(vs);

    private sealed record Entry(
        CompiledValueSet Compiled,
        EvaluationContext Context,
        IReadOnlyList<(string Url, IReadOnlyList<CodeSystemIndex> Versions, IReadOnlyList<CodeSystemIndex> Supplements)> CodeSystems,
        IReadOnlyList<(string Url, string? Version, ValueSet? Found)> ValueSets)
    {
        public bool IsCurrent(ICodeSystemProvider codeSystems, IValueSetProvider valueSets)
        {
            foreach (var (url, versions, supplements) in CodeSystems)
            {
                if (!SameItems(versions, codeSystems.Versions(url)) || !SameItems(supplements, codeSystems.SupplementsOf(url)))
                {
                    return false;
                }
            }

            foreach (var (url, version, found) in ValueSets)
            {
                if (!ReferenceEquals(found, valueSets.Find(url, version)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameItems<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
            where T : class
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!ReferenceEquals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Answers as the registry does and remembers, per url, every version and supplement it saw.</summary>
    private sealed class RecordingCodeSystemProvider(ICodeSystemProvider inner) : ICodeSystemProvider
    {
        private readonly List<(string, IReadOnlyList<CodeSystemIndex>, IReadOnlyList<CodeSystemIndex>)> _answers = [];

        public IReadOnlyList<(string Url, IReadOnlyList<CodeSystemIndex> Versions, IReadOnlyList<CodeSystemIndex> Supplements)> Answers => _answers;

        public bool AskedForAll { get; private set; }

        public CodeSystemIndex? Find(string url, string? version = null)
        {
            Record(url);
            return inner.Find(url, version);
        }

        public IReadOnlyList<CodeSystemIndex> Versions(string url)
        {
            Record(url);
            return inner.Versions(url);
        }

        public IReadOnlyList<CodeSystemIndex> SupplementsOf(string url)
        {
            Record(url);
            return inner.SupplementsOf(url);
        }

        public IEnumerable<CodeSystemIndex> All()
        {
            AskedForAll = true;
            return inner.All();
        }

        private void Record(string url)
        {
            foreach (var (known, _, _) in _answers)
            {
                if (known == url)
                {
                    return;
                }
            }

            _answers.Add((url, inner.Versions(url).ToArray(), inner.SupplementsOf(url).ToArray()));
        }
    }

    /// <summary>Answers as the registry does and remembers every question with its answer.</summary>
    private sealed class RecordingValueSetProvider(IValueSetProvider inner) : IValueSetProvider
    {
        private readonly List<(string, string?, ValueSet?)> _answers = [];

        public IReadOnlyList<(string Url, string? Version, ValueSet? Found)> Answers => _answers;

        public ValueSet? Find(string url, string? version = null)
        {
            var found = inner.Find(url, version);
            _answers.Add((url, version, found));
            return found;
        }

        public bool AskedForAll { get; private set; }

        public IReadOnlyList<ValueSet> Versions(string url)
        {
            AskedForAll = true;
            return inner.Versions(url);
        }
    }
}
