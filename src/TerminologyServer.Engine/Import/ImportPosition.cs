// The import contract (what a reader yields, how far it is, why it failed) lives in the engine so that Storage
// can write an import without referencing the readers; the namespace stays that of the importers.
namespace TerminologyServer.Import;

/// <summary>
/// How far a reader has come: lines read and bytes consumed of the (compressed) input, out of its size.
/// Written by the reading thread, read by progress reporters (HTTP status, console bar).
/// </summary>
public sealed class ImportPosition
{
    private long _lines;
    private long _bytes;

    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>Bytes consumed (the few bytes read twice to detect gzip are not counted past the total).</summary>
    public long Bytes => TotalBytes > 0 ? Math.Min(Interlocked.Read(ref _bytes), TotalBytes) : Interlocked.Read(ref _bytes);

    /// <summary>Total bytes of all input files.</summary>
    public long TotalBytes { get; set; }

    /// <summary>Called by a reader for each line it has read.</summary>
    public void AddLine() => Interlocked.Increment(ref _lines);

    /// <summary>Called by a reader for the bytes it has consumed.</summary>
    public void AddBytes(long n) => Interlocked.Add(ref _bytes, n);
}
