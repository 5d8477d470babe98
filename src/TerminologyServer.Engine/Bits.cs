using System.Numerics;

namespace TerminologyServer.Engine;

/// <summary>A set of concept positions as a bit array: ECL's set operations and a search's candidate sets run 64 concepts at a time.</summary>
internal sealed class Bits
{
    private readonly ulong[] _words;

    public Bits(int size)
    {
        Size = size;
        _words = new ulong[(size + 63) >> 6];
    }

    public int Size { get; }

    public int WordCount => _words.Length;

    public static Bits All(int size)
    {
        var bits = new Bits(size);
        Array.Fill(bits._words, ulong.MaxValue);
        var tail = size & 63;
        if (tail != 0)
        {
            bits._words[^1] = (1UL << tail) - 1;
        }

        return bits;
    }

    public void Set(int i) => _words[i >> 6] |= 1UL << (i & 63);

    public void SetAll(int[] positions)
    {
        foreach (var p in positions)
        {
            _words[p >> 6] |= 1UL << (p & 63);
        }
    }

    public void Clear(int i) => _words[i >> 6] &= ~(1UL << (i & 63));

    public bool Get(int i) => (uint)i < (uint)Size && (_words[i >> 6] & (1UL << (i & 63))) != 0;

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

    public void AndNot(Bits other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] &= ~other._words[i];
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

    public int Count()
    {
        var n = 0;
        foreach (var w in _words)
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }

    /// <summary>The set positions in ascending order.</summary>
    public int[] ToArray()
    {
        var result = new int[Count()];
        var k = 0;
        for (var i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            while (w != 0)
            {
                result[k++] = (i << 6) + BitOperations.TrailingZeroCount(w);
                w &= w - 1;
            }
        }

        return result;
    }

    /// <summary>Enumerates the set positions in ascending order without allocating an array.</summary>
    public Enumerator GetEnumerator() => new(_words);

    public struct Enumerator(ulong[] words)
    {
        private int _word = -1;
        private ulong _rest;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_rest == 0)
            {
                if (++_word >= words.Length)
                {
                    return false;
                }

                _rest = words[_word];
            }

            Current = (_word << 6) + BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1;
            return true;
        }
    }
}
