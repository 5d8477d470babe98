using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TerminologyServer.Api.Tests.Infrastructure;

/// <summary>A response as read off the socket.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");
}

/// <summary>
/// HTTP/1.1 over a plain socket, for request targets that HttpClient would normalise (double escapes, overlong
/// UTF-8, dot segments) and for request lines past Kestrel's limit. One request per connection.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> GetAsync(Uri server, string target, string? accept = null, string? extraHeader = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = new StringBuilder(target.Length + 256)
            .Append("GET ").Append(target).Append(" HTTP/1.1\r\nHost: ").Append(server.Authority).Append("\r\nConnection: close\r\n");
        if (accept is not null)
        {
            head.Append("Accept: ").Append(accept).Append("\r\n");
        }

        if (extraHeader is not null)
        {
            head.Append(extraHeader).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), timeout.Token);
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, timeout.Token);
        return Parse(all.ToArray());
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, "No HTTP response head came back.");
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = bytes.AsSpan(end + 4);
        var decoded = headers.GetValueOrDefault("transfer-encoding") == "chunked" ? Dechunk(body) : body.ToArray();
        return new RawResponse(status, headers, Encoding.UTF8.GetString(decoded));
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(body.Slice(lineEnd + 2, size));
            body = body[(lineEnd + 2 + size + 2)..];
        }
    }
}
