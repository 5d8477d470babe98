namespace TerminologyServer.Engine.Search;

/// <summary>Binary search over sorted string arrays.</summary>
internal static class Sorted
{
    /// <summary>The first position whose value is not less than <paramref name="value"/> (the array's length when none).</summary>
    public static int LowerBound(string[] sorted, string value, StringComparer comparer)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (comparer.Compare(sorted[mid], value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// The first position at or after <paramref name="from"/> whose value is not less than <paramref name="value"/>
    /// in an ascending array (its length when none): galloping, so walking forward through many values costs
    /// little more than the distance covered.
    /// </summary>
    public static int Advance(int[] sorted, int from, int value)
    {
        var step = 1;
        var lo = from;
        while (lo < sorted.Length && sorted[lo] < value)
        {
            from = lo + 1;
            lo += step;
            step <<= 1;
        }

        var hi = Math.Min(lo, sorted.Length);
        while (from < hi)
        {
            var mid = (from + hi) >>> 1;
            if (sorted[mid] < value)
            {
                from = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return from;
    }
}
