namespace TerminologyServer.Engine;

/// <summary>Helpers for canonical references of the form <c>url|version</c>.</summary>
public static class Canonical
{
    public static (string Url, string? Version) Split(string canonical)
    {
        var bar = canonical.IndexOf('|');
        return bar < 0 ? (canonical, null) : (canonical[..bar], canonical[(bar + 1)..] is { Length: > 0 } v ? v : null);
    }
}
