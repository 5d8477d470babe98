using System.Numerics;

namespace TerminologyServer.Engine.Search;

/// <summary>A set of concept positions as a bit array: the candidate sets of a search are combined word by word.</summary>
internal sealed class Bits
{
    private readonly ulong[] _words;

    public Bits(int size)
    {
        Size = size;
        _words = new ulong[(size + 63) >> 6];
    }

    public int Size { get; }

    public void Set(int i) => _words[i >> 6] |= 1UL << (i & 63);

    public bool Get(int i) => (_words[i >> 6] & (1UL << (i & 63))) != 0;

    public void SetAll(int[] positions)
    {
        foreach (var p in positions)
        {
            _words[p >> 6] |= 1UL << (p & 63);
        }
    }

    public Bits Copy()
    {
        var copy = new Bits(Size);
        _words.CopyTo(copy._words, 0);
        return copy;
    }

    public void And(Bits other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] &= other._words[i];
        }
    }

    public void Or(Bits other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] |= other._words[i];
        }
    }

    public bool IsEmpty()
    {
        foreach (var w in _words)
        {
            if (w != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The set positions in ascending order.</summary>
    public IEnumerable<int> Positions()
    {
        for (var i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            while (w != 0)
            {
                var bit = BitOperations.TrailingZeroCount(w);
                yield return (i << 6) + bit;
                w &= w - 1;
            }
        }
    }
}
