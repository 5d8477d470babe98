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
}
