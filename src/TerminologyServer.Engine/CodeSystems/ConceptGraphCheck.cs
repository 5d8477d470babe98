using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// Refuses a code system whose concepts cannot form a hierarchy: a code defined twice, or parents that lead
/// back to the concept itself. Either one makes expansion and subsumption meaningless (a cycle has no root to
/// expand from and every member "subsumes" every other), so such content is refused before it is stored.
/// Codes are collected one by one (an import streams them), then <see cref="Verify"/> looks for a cycle.
/// </summary>
public sealed class ConceptGraphCheck(bool caseSensitive = true)
{
    private const int MaxNamed = 5;
    private readonly Dictionary<string, int> _index = new(caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _codes = [];
    private readonly List<List<string>?> _parents = [];
    private readonly List<string> _duplicates = [];

    /// <summary>Checks the concepts of a FHIR CodeSystem (nesting, <c>parent</c> and <c>child</c> properties); throws when they do not form a hierarchy.</summary>
    public static void Check(CodeSystem cs)
    {
        var check = new ConceptGraphCheck(cs.CaseSensitive ?? true);
        var stack = new Stack<(CodeSystem.ConceptDefinitionComponent Concept, string? Parent)>();
        foreach (var c in Enumerable.Reverse(cs.Concept))
        {
            stack.Push((c, null));
        }

        var children = new List<(string Parent, string Child)>();
        while (stack.Count > 0)
        {
            var (c, parent) = stack.Pop();
            var code = string.IsNullOrEmpty(c.Code) ? null : c.Code;
            if (code is not null)
            {
                var parents = new List<string>();
                if (parent is not null)
                {
                    parents.Add(parent);
                }

                foreach (var p in c.Property)
                {
                    if (p.Value is Code or FhirString && p.Value.ToString() is { Length: > 0 } v)
                    {
                        if (p.Code == "parent")
                        {
                            parents.Add(v);
                        }
                        else if (p.Code == "child")
                        {
                            children.Add((code, v));
                        }
                    }
                }

                check.Add(code, parents);
            }

            foreach (var child in Enumerable.Reverse(c.Concept))
            {
                stack.Push((child, code ?? parent));
            }
        }

        foreach (var (parent, child) in children)
        {
            check.AddParent(child, parent);
        }

        check.Verify(cs.Url);
    }

    /// <summary>Adds a concept and the codes of its parents.</summary>
    public void Add(string code, IReadOnlyCollection<string> parents)
    {
        if (_index.ContainsKey(code))
        {
            if (_duplicates.Count < MaxNamed && !_duplicates.Contains(code))
            {
                _duplicates.Add(code);
            }

            return;
        }

        _index[code] = _codes.Count;
        _codes.Add(code);
        _parents.Add(parents.Count == 0 ? null : [.. parents]);
    }

    private void AddParent(string code, string parent)
    {
        if (_index.TryGetValue(code, out var i))
        {
            (_parents[i] ??= []).Add(parent);
        }
    }

    /// <summary>Throws a <see cref="TerminologyException"/> (invalid) naming duplicate codes, or the codes of one parent cycle.</summary>
    public void Verify(string? url)
    {
        var what = url is null ? "The code system" : $"The code system '{url}'";
        if (_duplicates.Count > 0)
        {
            throw TerminologyException.Invalid("CODESYSTEM_DUPLICATE_CODE",
                $"{what} defines {(_duplicates.Count == 1 ? "the code" : "codes")} {string.Join(", ", _duplicates.Select(d => $"'{d}'"))} more than once; each code must be defined once.");
        }

        if (FindCycle() is { } cycle)
        {
            throw TerminologyException.Invalid("CODESYSTEM_PARENT_CYCLE",
                $"{what} has a parent cycle: {string.Join(" → ", cycle.Select(c => $"'{c}'"))}; a concept cannot be its own ancestor.");
        }
    }

    // Iterative depth-first search over parent links (a deep hierarchy must not overflow the stack).
    private List<string>? FindCycle()
    {
        var state = new byte[_codes.Count]; // 0 new, 1 on the current path, 2 done
        var path = new List<int>();
        var next = new List<int>();
        for (var start = 0; start < _codes.Count; start++)
        {
            if (state[start] != 0)
            {
                continue;
            }

            path.Add(start);
            next.Add(0);
            state[start] = 1;
            while (path.Count > 0)
            {
                var top = path.Count - 1;
                var u = path[top];
                var parents = _parents[u];
                if (parents is null || next[top] >= parents.Count)
                {
                    state[u] = 2;
                    path.RemoveAt(top);
                    next.RemoveAt(top);
                    continue;
                }

                var parentCode = parents[next[top]++];
                if (!_index.TryGetValue(parentCode, out var p))
                {
                    continue;
                }

                if (state[p] == 1)
                {
                    var from = path.IndexOf(p);
                    return path.Skip(from).Select(i => _codes[i]).Append(_codes[p]).ToList();
                }

                if (state[p] == 0)
                {
                    state[p] = 1;
                    path.Add(p);
                    next.Add(0);
                }
            }
        }

        return null;
    }
}
