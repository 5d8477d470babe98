using TerminologyServer.Engine.Search;

namespace TerminologyServer.Tests;

/// <summary>
/// The ranking test set (<c>bench/ranking-set.tsv</c>): queries with the codes a coder accepts in the first three,
/// scored as hit@1 and hit@3 over a <see cref="CodeSearch"/> (all code systems searched, as the site does).
/// Linked into the engine tests and the benchmarks.
/// </summary>
public static class RankingSet
{
    public sealed record Case(string Query, string SystemUrl, IReadOnlyList<string> Accepted);

    public sealed record Outcome(Case Case, IReadOnlyList<string> Top, int Rank);

    public static IReadOnlyList<Case> Load(IReadOnlyDictionary<string, string> urlOfKey)
    {
        var path = Find();
        return File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new Case(f[0], urlOfKey[f[1]], f[2].Split(',', StringSplitOptions.TrimEntries)))
            .ToList();
    }

    /// <summary>Each case's top three (as <c>system|code</c>) and the rank (1-based) of the first accepted code, 0 when not in the top three.</summary>
    public static IReadOnlyList<Outcome> Run(CodeSearch search, IEnumerable<Case> cases) => cases.Select(c =>
    {
        var hits = search.Search(new SearchQuery(c.Query) { Limit = 3 }).Hits;
        var rank = 0;
        for (var i = 0; i < hits.Count && rank == 0; i++)
        {
            if (hits[i].System.Url == c.SystemUrl && c.Accepted.Contains(hits[i].Concept.Code))
            {
                rank = i + 1;
            }
        }

        return new Outcome(c, hits.Select(h => $"{h.Concept.Code} {h.Concept.Display}").ToList(), rank);
    }).ToList();

    public static double HitAt(IReadOnlyList<Outcome> outcomes, int k) => outcomes.Count == 0 ? 0 : (double)outcomes.Count(o => o.Rank is > 0 && o.Rank <= k) / outcomes.Count;

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "ranking-set.tsv");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("bench/ranking-set.tsv not found above the working folder.");
    }
}
