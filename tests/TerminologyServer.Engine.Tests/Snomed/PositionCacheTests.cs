using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Engine.Tests.Snomed;

public sealed class PositionCacheTests
{
    [Fact]
    public void GivenAKeyAskedTwice_WhenCached_ThenItIsComputedOnce()
    {
        var cache = new PositionCache<string>();
        var computed = 0;
        int[] Compute(string _) { computed++; return [1, 2, 3]; }

        var first = cache.GetOrAdd("<< 404684003", Compute);
        var second = cache.GetOrAdd("<< 404684003", Compute);

        Assert.Same(first, second);
        Assert.Equal(1, computed);
    }

    [Fact]
    public void GivenMorePositionsThanTheBound_WhenAdded_ThenTheCacheStartsAfreshAndStillAnswers()
    {
        var cache = new PositionCache<int>(maxPositions: 10);
        var computed = 0;
        int[] Compute(int key) { computed++; return [.. Enumerable.Range(key, 4)]; }

        cache.GetOrAdd(1, Compute);
        cache.GetOrAdd(2, Compute);
        Assert.Equal([3, 4, 5, 6], cache.GetOrAdd(3, Compute)); // 12 positions > 10: the first two are dropped
        cache.GetOrAdd(3, Compute);
        cache.GetOrAdd(1, Compute);
        Assert.Equal(4, computed);

        Assert.Equal(11, cache.GetOrAdd(0, _ => [.. Enumerable.Range(0, 11)]).Length); // larger than the bound: answered, not kept
    }

    [Fact]
    public void GivenMoreEntriesThanTheBound_WhenAdded_ThenTheCacheStartsAfresh()
    {
        var cache = new PositionCache<int>(maxEntries: 2);
        var computed = 0;
        int[] Compute(int key) { computed++; return [key]; }

        cache.GetOrAdd(1, Compute);
        cache.GetOrAdd(2, Compute);
        cache.GetOrAdd(3, Compute);
        cache.GetOrAdd(3, Compute);
        cache.GetOrAdd(1, Compute);
        Assert.Equal(4, computed);
    }
}
