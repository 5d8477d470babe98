using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// Ranked search over every code system in the registry (the latest version of each; supplements add their
/// designations and narrative text to the concepts they supplement). Ranking, best first:
/// <list type="number">
/// <item>the exact code (ignoring case and punctuation), then codes starting with the query, shorter first;</item>
/// <item>displays in which every query word starts a word; closer matches first (more query words that are whole
/// words of the display, the display starting with the first query word), then shorter displays;</item>
/// <item>the same over displays and designations (synonyms), then over all text including narratives;</item>
/// </list>
/// within each text level a match that needs one typo correction comes after the exact ones (a word of 5+ letters
/// that starts no word of any searched text is matched with one edit: replaced, missing, extra or swapped letter). Ties go to the code system url and then the concept's source order, so results are deterministic.
/// Word indexes are built per code system version (<see cref="CodeSystemIndex.Text"/>); a changed code system
/// comes with a new index, so the search follows the registry.
/// </summary>
public sealed class CodeSearch
{
    private readonly CodeSystemRegistry _registry;
    private int _warmScheduled;

    /// <param name="warmOnChange">Build the word indexes of changed code systems in the background, so no query pays for it.</param>
    public CodeSearch(CodeSystemRegistry registry, bool warmOnChange = false)
    {
        _registry = registry;
        if (warmOnChange)
        {
            registry.Changed += _ => ScheduleWarm();
        }
    }

    private void ScheduleWarm()
    {
        if (Interlocked.Exchange(ref _warmScheduled, 1) == 0)
        {
            _ = System.Threading.Tasks.Task.Run(async () =>
            {
                // Changes come in bursts (start-up loads every code system): wait for the burst to end.
                await System.Threading.Tasks.Task.Delay(200);
                Interlocked.Exchange(ref _warmScheduled, 0);
                Warm();
            });
        }
    }

    /// <summary>Queries longer than this are refused by the callers (a user types far less).</summary>
    public const int MaxQueryLength = 200;

    private const int MaxWords = 12;
    private const int IndexBits = 20;
    private const int SystemBits = 12;
    private readonly Lock _building = new();
    private Catalog? _catalog;

    /// <summary>The code systems searched, in ranking order (by url): the latest version of each, with its supplements.</summary>
    public IReadOnlyList<(CodeSystemIndex System, IReadOnlyList<CodeSystemIndex> Supplements)> Systems() => Current().Systems;

    /// <summary>Builds the word index of every searched code system now rather than at its first query.</summary>
    public void Warm()
    {
        foreach (var (cs, supplements) in Current().Systems)
        {
            _ = cs.Text;
            foreach (var s in supplements)
            {
                _ = s.Text;
            }
        }
    }

    public SearchResult Search(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var text = query.Text.Trim();
        var words = Words.Split(Synonyms.Rewrite(text)).Distinct().Take(MaxWords).ToList();
        var code = text.Any(char.IsWhiteSpace) ? "" : Words.NormalizeCode(text);
        if (words.Count == 0 && code.Length == 0)
        {
            return new SearchResult([], 0);
        }

        var wanted = Math.Max(0, query.Offset) + Math.Max(0, query.Limit);
        var top = new PriorityQueue<(int System, int Concept, int Level), long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        var total = 0;
        var catalog = Current();
        var systems = catalog.Systems;
        foreach (var s in Candidates(catalog, query, words, code, out var near))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (cs, supplements) = systems[s];
            var administrative = TextRank.IsAdministrative(cs.Url);
            foreach (var (concept, level, key) in Rank(cs, supplements, words, near, code, query.ActiveOnly, administrative))
            {
                total++;
                var full = (key << (SystemBits + IndexBits)) | ((long)Math.Min(s, (1 << SystemBits) - 1) << IndexBits) | (long)(concept & ((1 << IndexBits) - 1));
                if (top.Count < wanted)
                {
                    top.Enqueue((s, concept, level), full);
                }
                else if (wanted > 0 && top.TryPeek(out _, out var worst) && full < worst)
                {
                    top.DequeueEnqueue((s, concept, level), full);
                }
            }
        }

        var ordered = new List<((int System, int Concept, int Level) Item, long Key)>();
        while (top.TryDequeue(out var item, out var key))
        {
            ordered.Add((item, key));
        }

        ordered.Reverse();
        var hits = ordered.Skip(Math.Max(0, query.Offset)).Select(e =>
        {
            var (cs, supplements) = systems[e.Item.System];
            var concept = cs.Concepts[e.Item.Concept];
            var kind = e.Item.Level switch { 0 => MatchKind.Code, 1 => MatchKind.CodePrefix, 2 or 3 => MatchKind.Display, 4 or 5 => MatchKind.Designation, _ => MatchKind.Narrative };
            var typo = e.Item.Level >= 2 && e.Item.Level % 2 == 1;
            return new SearchHit(cs, concept, kind, typo, Snippets.For(cs, supplements, concept, kind, words));
        }).ToList();
        // The correction is spelt as the best result spells it: its display, or the synonym or text that matched.
        var didYouMean = hits.Count > 0 && hits[0].Typo ? Respelt(text, hits[0].Concept.Display) ?? Respelt(text, hits[0].Snippet) : null;
        return new SearchResult(hits, total, didYouMean);
    }

    /// <summary>
    /// The query with each word that starts no word of <paramref name="display"/> replaced by the display's word
    /// within one edit of it ("pnuemonia" → "pneumonia"); null when nothing changes.
    /// </summary>
    internal static string? Respelt(string query, string? display)
    {
        var shown = Words.Split(display);
        var typed = Words.Split(query);
        var changed = false;
        for (var i = 0; i < typed.Count; i++)
        {
            var w = typed[i];
            if (w.Length < SystemMatcher.MinTypoLength || shown.Any(d => d.StartsWith(w, StringComparison.Ordinal)))
            {
                continue;
            }

            if (shown.FirstOrDefault(d => Words.StartsWithinOneEdit(d, w)) is { } fixedWord)
            {
                typed[i] = fixedWord;
                changed = true;
            }
        }

        return changed ? string.Join(' ', typed) : null;
    }

    /// <summary>
    /// The positions of the systems that can match (see <see cref="SearchDirectory"/>): those with a code starting
    /// with the query's code, and those holding, for every query word, a word starting with it. A word that starts
    /// some word of some searched text is taken as typed; only a word found nowhere (and long enough, see
    /// <see cref="SystemMatcher.TypoCandidate"/>) is looked up with one edit, which keeps correctly spelt queries
    /// fast and their results exact: <paramref name="near"/> gives, per word, null or the words one edit away.
    /// </summary>
    private static Bits Candidates(Catalog catalog, SearchQuery query, List<string> words, string code, out List<IReadOnlyList<string>?> near)
    {
        var directory = catalog.Directory;
        var allowed = new Bits(directory.SystemCount);
        for (var s = 0; s < catalog.Systems.Count; s++)
        {
            var url = catalog.Systems[s].System.Url;
            if (query.Systems is { Count: > 0 } only ? only.Contains(url) : query.Administrative || !TextRank.IsAdministrative(url))
            {
                allowed.Set(s);
            }
        }

        near = [];
        Bits? byWords = null;
        foreach (var word in words)
        {
            var holding = directory.SystemsWithWord(word);
            holding.And(allowed);
            IReadOnlyList<string>? nearWords = null;
            if (holding.IsEmpty() && SystemMatcher.TypoCandidate(word))
            {
                (var terms, holding) = directory.NearTerms(word);
                holding.And(allowed);
                nearWords = terms;
            }

            near.Add(nearWords);
            if (byWords is null)
            {
                byWords = holding;
            }
            else
            {
                byWords.And(holding);
            }
        }

        var candidates = byWords ?? new Bits(directory.SystemCount);
        if (code.Length > 0)
        {
            var byCode = directory.SystemsWithCode(code);
            byCode.And(allowed);
            candidates.Or(byCode);
        }

        return candidates;
    }

    /// <summary>
    /// Every matching concept of one code system with its level (0 exact code, 1 code prefix, 2/3 display exact/typo,
    /// 4/5 designation, 6/7 narrative) and its rank key within the level (closeness, then display length).
    /// </summary>
    private static IEnumerable<(int Concept, int Level, long Key)> Rank(
        CodeSystemIndex cs, IReadOnlyList<CodeSystemIndex> supplements, List<string> words, List<IReadOnlyList<string>?> near, string code, bool activeOnly, bool administrative)
    {
        var index = cs.Text;
        Bits? byCode = null;
        if (code.Length > 0)
        {
            foreach (var i in index.NormalizedCodesStartingWith(code))
            {
                var c = cs.Concepts[i];
                if (activeOnly && c.IsInactive)
                {
                    continue;
                }

                (byCode ??= new Bits(index.ConceptCount)).Set(i);
                var level = Words.NormalizeCode(c.Code) == code ? 0 : 1;
                yield return (i, level, TextRank.OfCode((MatchLevel)level, administrative, c.IsInactive, c.Code.Length));
            }
        }

        if (words.Count == 0 || SystemMatcher.Match(cs, supplements, words, near) is not { } m)
        {
            yield break;
        }

        foreach (var i in m.Typo[(int)TextField.Narrative])
        {
            var c = cs.Concepts[i];
            if (byCode?.Get(i) == true || (activeOnly && c.IsInactive))
            {
                continue;
            }

            var level = 7;
            for (var f = 0; f < 3; f++)
            {
                if (m.Exact[f].Get(i))
                {
                    level = 2 + 2 * f;
                    break;
                }

                if (m.Typo[f].Get(i))
                {
                    level = 3 + 2 * f;
                    break;
                }
            }

            var typo = level % 2 == 1;
            var key = level >= (int)MatchLevel.Narrative
                ? TextRank.OfNarrative(typo, administrative, c.IsInactive, TextRank.Place(Snippets.NarrativeTexts(supplements, c), words))
                : TextRank.OfText((MatchLevel)(level - (typo ? 1 : 0)), typo, administrative, c.IsInactive, c.Display, words);
            yield return (i, level, key);
        }
    }

    private Catalog Current()
    {
        var byKey = _registry.ByKey;
        var catalog = _catalog;
        if (catalog is not null && ReferenceEquals(catalog.Source, byKey))
        {
            return catalog;
        }

        // One build at a time (a directory over every system takes a few hundred milliseconds); the others wait for it.
        lock (_building)
        {
            byKey = _registry.ByKey;
            catalog = _catalog;
            if (catalog is not null && ReferenceEquals(catalog.Source, byKey))
            {
                return catalog;
            }

            var systems = byKey.Values.Where(i => !i.IsSupplement).Select(i => i.Url).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(url => (_registry.Find(url)!, _registry.SupplementsOf(url)))
                .ToList();
            catalog = new Catalog(byKey, systems, SearchDirectory.Build(systems));
            _catalog = catalog;
            return catalog;
        }
    }

    private sealed record Catalog(object Source, List<(CodeSystemIndex System, IReadOnlyList<CodeSystemIndex> Supplements)> Systems, SearchDirectory Directory);
}
