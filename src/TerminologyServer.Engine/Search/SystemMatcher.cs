using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// The text matches of one query in one code system version (and its supplements), as bit sets over the
/// concepts: per level (display, display + designations, + narrative) the concepts where every query word
/// starts a word, exactly or with one typo (words of 5+ letters).
/// </summary>
internal sealed class SystemMatcher
{
    public const int MinTypoLength = 5;

    private SystemMatcher(Bits[] exact, Bits[] typo)
    {
        Exact = exact;
        Typo = typo;
    }

    /// <summary>Indexed by <see cref="TextField"/>: every word in the display, in display or designations, anywhere.</summary>
    public Bits[] Exact { get; }

    /// <summary>As <see cref="Exact"/>, allowing one edit in words of <see cref="MinTypoLength"/>+ letters (a superset).</summary>
    public Bits[] Typo { get; }

    /// <param name="near">Per word: null, or the words one edit away to match as well (see <see cref="TypoCandidate"/> and <see cref="SearchDirectory.NearTerms"/>).</param>
    public static SystemMatcher? Match(CodeSystemIndex cs, IReadOnlyList<CodeSystemIndex> supplements, IReadOnlyList<string> words, IReadOnlyList<IReadOnlyList<string>?> near)
    {
        var text = cs.Text;
        for (var k = 0; k < words.Count; k++)
        {
            // A word found nowhere in this system (and not looked up with a typo) rules it out before any set is built.
            if (near[k] is null && !text.HasPrefix(words[k]) && !supplements.Any(s => s.Text.HasPrefix(words[k])))
            {
                return null;
            }
        }

        var n = text.ConceptCount;
        // Without a word looked up with a typo the typo-tolerant sets are the exact ones: built and intersected once.
        var anyTypo = near.Any(x => x is not null);
        Bits[]? exactAll = null, typoAll = null;
        for (var k = 0; k < words.Count; k++)
        {
            var w = words[k];
            var exact = Levels(n, (field, bits) =>
            {
                text.AddPrefix(w, field, bits);
                foreach (var s in supplements)
                {
                    FromSupplement(cs, s, field, bits, (f, sb) => s.Text.AddPrefix(w, f, sb));
                }
            });
            var typo = exact;
            if (near[k] is { } nearWords)
            {
                var own = text.TermIds(nearWords);
                var supplementNear = supplements.Select(s => s.Text.TermIds(nearWords)).ToList();
                typo = Levels(n, (field, bits) =>
                {
                    text.AddTerms(own, field, bits);
                    for (var i = 0; i < supplements.Count; i++)
                    {
                        var s = supplements[i];
                        var terms = supplementNear[i];
                        FromSupplement(cs, s, field, bits, (f, sb) => s.Text.AddTerms(terms, f, sb));
                    }
                });
            }

            exactAll = And(exactAll, exact, copy: anyTypo && ReferenceEquals(typo, exact));
            typoAll = anyTypo ? And(typoAll, typo, copy: false) : exactAll;
            if (typoAll[(int)TextField.Narrative].IsEmpty())
            {
                return null;
            }
        }

        return exactAll is null ? null : new SystemMatcher(exactAll, typoAll!);
    }

    /// <summary>A word long enough (5+ letters) for typo tolerance; the caller applies it only when the word as typed starts no word anywhere.</summary>
    public static bool TypoCandidate(string word) => word.Length >= MinTypoLength && word.Any(char.IsLetter);

    /// <summary>Three cumulative levels: display; display or designation; any text.</summary>
    private static Bits[] Levels(int n, Action<TextField, Bits> add)
    {
        var display = new Bits(n);
        add(TextField.Display, display);
        var designation = display.Copy();
        add(TextField.Designation, designation);
        var any = designation.Copy();
        add(TextField.Narrative, any);
        return [display, designation, any];
    }

    /// <summary>A supplement's matches, mapped to the concepts of the code system by code. Its displays count as designations.</summary>
    private static void FromSupplement(CodeSystemIndex cs, CodeSystemIndex supplement, TextField field, Bits into, Action<TextField, Bits> add)
    {
        if (field == TextField.Display)
        {
            return;
        }

        var own = new Bits(supplement.Concepts.Length);
        add(field, own);
        if (field == TextField.Designation)
        {
            add(TextField.Display, own);
        }

        foreach (var i in own)
        {
            if (cs.Find(supplement.Concepts[i].Code) is { } c)
            {
                into.Set(c.Index);
            }
        }
    }

    /// <param name="copy">Copy <paramref name="next"/> when it starts the intersection (it is shared with another one).</param>
    private static Bits[] And(Bits[]? all, Bits[] next, bool copy)
    {
        if (all is null)
        {
            return copy ? [.. next.Select(b => b.Copy())] : next;
        }

        for (var i = 0; i < all.Length; i++)
        {
            all[i].And(next[i]);
        }

        return all;
    }
}
