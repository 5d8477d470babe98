using System.Text.RegularExpressions;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// Media types (<c>urn:ietf:bcp:13</c>, RFC 6838): <c>type/subtype</c> with optional <c>; name=value</c>
/// parameters. The type must be one of the registered top-level types (RFC 6838 section 4.2.1 and later
/// registrations); the subtype and parameters are checked by grammar, since subtypes are registered by the
/// thousand and in trees (<c>vnd.</c>, <c>prs.</c>, <c>x-</c>) no list can close. Case-insensitive; the display is
/// the media type itself. Not enumerable.
/// </summary>
public sealed partial class MimeTypeCodeSystem : ComputedCodeSystem
{
    public const string Url = "urn:ietf:bcp:13";

    private static readonly HashSet<string> TopLevelTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application", "audio", "font", "example", "haptics", "image", "message", "model", "multipart", "text", "video",
    };

    public override CodeSystemInfo Info { get; } = new()
    {
        Url = Url,
        Name = "MimeTypes",
        Title = "Media types (BCP 13)",
        Status = "active",
        Content = "complete",
        CaseSensitive = false,
        Language = "en",
    };

    public override bool IsEnumerable => false;

    public override IEnumerable<ComputedCode> Known => [];

    public override ComputedCode? Resolve(string code)
    {
        if (code.Length > 255)
        {
            return null;
        }

        var match = MediaType().Match(code);
        if (!match.Success || !TopLevelTypes.Contains(match.Groups["type"].Value))
        {
            return null;
        }

        return new ComputedCode(code, code);
    }

    // RFC 6838 section 4.2 restricted names; parameters as in RFC 2045 (token or quoted string values).
    [GeneratedRegex("""^(?<type>[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126})/(?<subtype>[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126})(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"]*"|[A-Za-z0-9!#$&^_.+-]+))*$""", RegexOptions.NonBacktracking)]
    private static partial Regex MediaType();
}
