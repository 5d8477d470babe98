using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace TerminologyServer.Import;

/// <summary>Opening input files: gzip detected by its magic bytes, lines numbered, bytes counted for progress.</summary>
public static class SourceFiles
{
    /// <summary>True when <paramref name="stream"/> starts with the gzip magic bytes (the position is restored).</summary>
    public static bool IsGzip(Stream stream)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("Gzip detection needs a seekable stream.", nameof(stream));
        }

        var start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        var n = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>Opens <paramref name="path"/> for reading, decompressing gzip; bytes read are added to <paramref name="position"/>.</summary>
    public static Stream Open(string path, ImportPosition? position = null)
    {
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (position is not null)
        {
            file = new CountingStream(file, position);
        }

        if (!IsGzip(file))
        {
            return file;
        }

        // GZipStream ends quietly at a cut; the trailer's size (last 4 bytes) tells a whole file from a truncated one.
        var start = file.Position;
        file.Seek(-4, SeekOrigin.End);
        Span<byte> size = stackalloc byte[4];
        file.ReadExactly(size);
        file.Position = start;
        return new CheckedGzipStream(new GZipStream(file, CompressionMode.Decompress), System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size));
    }

    /// <summary>
    /// The lines of <paramref name="path"/> with their 1-based numbers, <c>\r</c> stripped. A truncated gzip stream
    /// or undecodable bytes become an <see cref="ImportException"/> naming the file.
    /// </summary>
    public static IEnumerable<(long Number, string Text)> ReadLines(string path, ImportPosition? position = null)
    {
        using var stream = Open(path, position);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        long number = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new ImportException($"the compressed file is damaged or truncated ({e.Message})", path, number + 1);
            }

            if (line is null)
            {
                yield break;
            }

            number++;
            position?.AddLine();
            yield return (number, line);
        }
    }

    /// <summary>SHA-256 of the files' bytes (in the order given) and of <paramref name="options"/>: equal hashes, equal import.</summary>
    public static string Hash(IEnumerable<string> paths, string options)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(options + "\n"));
        var buffer = new byte[1 << 16];
        foreach (var path in paths)
        {
            using var file = File.OpenRead(path);
            int n;
            while ((n = file.Read(buffer)) > 0)
            {
                sha.AppendData(buffer.AsSpan(0, n));
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private sealed class CheckedGzipStream(Stream inner, uint expectedSize) : ReadingStream(inner)
    {
        private long _read;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            _read += n;
            if (n == 0 && buffer.Length > 0 && (uint)_read != expectedSize)
            {
                throw new InvalidDataException("the compressed data ends early (the file is truncated)");
            }

            return n;
        }

    }

    private sealed class CountingStream(Stream inner, ImportPosition position) : ReadingStream(inner)
    {
        public override bool CanSeek => Inner.CanSeek;

        public override long Length => Inner.Length;

        public override long Position { get => Inner.Position; set => Inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Inner.Read(buffer, offset, count);
            position.AddBytes(n);
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            position.AddBytes(n);
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);
    }

    /// <summary>A read-only stream over <paramref name="inner"/> that owns it: writing is refused, disposing disposes it.</summary>
    private abstract class ReadingStream(Stream inner) : Stream
    {
        protected Stream Inner { get; } = inner;

        public override bool CanRead => true;

        public override bool CanWrite => false;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
