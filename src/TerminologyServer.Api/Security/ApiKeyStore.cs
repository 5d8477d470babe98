using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TerminologyServer.Api.Security;

/// <summary>
/// Matches a presented bearer token against the configured API keys in constant time: both sides are hashed
/// to a fixed length and every key is compared, so neither the length nor the position of a match leaks.
/// </summary>
internal sealed class ApiKeyStore(IOptionsMonitor<AuthOptions> options)
{
    private Snapshot? _snapshot;

    public bool HasKeys => Hashes().Length > 0;

    public bool Matches(string token)
    {
        var hashes = Hashes();
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), presented);

        var match = false;
        foreach (var hash in hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, hash);
        }

        return match;
    }

    private byte[][] Hashes()
    {
        // Rebuilt when the options instance changes (configuration reload); racing rebuilds are harmless
        // because a snapshot is replaced as one reference.
        var current = options.CurrentValue;
        var snapshot = _snapshot;
        if (snapshot is not null && ReferenceEquals(snapshot.Source, current))
        {
            return snapshot.Hashes;
        }

        var hashes = current.ApiKeys
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))
            .ToArray();
        _snapshot = new Snapshot(current, hashes);
        return hashes;
    }

    private sealed record Snapshot(AuthOptions Source, byte[][] Hashes);
}

internal static class BearerToken
{
    /// <summary>The token of a single <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? Read(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1)
        {
            return null;
        }

        var header = values[0];
        const string prefix = "Bearer ";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[prefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    public static bool HasAuthorizationHeader(HttpRequest request) => request.Headers.Authorization.Count > 0;
}
