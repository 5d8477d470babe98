using System.Text;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Narratives;

/// <summary>
/// Reads procedure narratives in the layout of the seed document (title line, code-system line, section headings,
/// <c>•</c> bullets, numbered steps, <c>Label: text</c> items) and the variations people make: blank lines or none,
/// <c>-</c>/<c>*</c> bullets, Windows line endings, a Markdown variant with <c>#</c> headings and bold labels.
/// Every error names the source and the line.
/// </summary>
public static class NarrativeParser
{
    /// <summary>Default largest document, in bytes.</summary>
    public const long DefaultMaxBytes = 256 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text of a document file or request body: refused when larger than <paramref name="maxBytes"/>, when it is
    /// not UTF-8, or when it holds NUL characters (a binary file).
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string source, long maxBytes = DefaultMaxBytes)
    {
        if (bytes.Length > maxBytes)
        {
            throw TooLarge(source, bytes.Length, maxBytes);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Clamp(e.Index, 0, bytes.Length);
            var line = bytes[..offset].Count((byte)'\n') + 1;
            throw NarrativeException.Invalid("NARRATIVE_NOT_UTF8", source, line, "The document is not UTF-8 text (save it as UTF-8).");
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            throw NarrativeException.Invalid("NARRATIVE_NOT_TEXT", source, text.AsSpan(0, nul).Count('\n') + 1, "The document is not text (it contains NUL characters).");
        }

        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>The error for a document of <paramref name="length"/> bytes over the limit.</summary>
    public static NarrativeException TooLarge(string source, long length, long maxBytes) =>
        new(OperationOutcome.IssueType.TooLong, "NARRATIVE_TOO_LARGE", source, 0,
            $"The document has {length:N0} bytes; the limit is {maxBytes:N0} bytes (Narratives:MaxDocumentBytes).");

    /// <summary>Parses a document. Throws a <see cref="NarrativeException"/> naming the line of the first problem.</summary>
    public static NarrativeDocument Parse(string text, string source) => new NarrativeReader(text, source).Read();
}

/// <summary>One pass over the lines of a document; the state of <see cref="NarrativeParser.Parse"/>.</summary>
internal sealed class NarrativeReader(string text, string source)
{
    private static readonly Regex MarkdownHeading = new(@"^#{1,6}\s*(?<text>[^#]*)#*$", RegexOptions.NonBacktracking);
    private static readonly Regex ListItem = new(@"^(?:[-*•·▪◦‣+]|\d{1,3}[.)])\s+(?<text>.+)$", RegexOptions.NonBacktracking);
    private static readonly Regex Rule = new(@"^(?:-{3,}|\*{3,}|_{3,}|={3,})$", RegexOptions.NonBacktracking);
    private static readonly Regex Spaces = new(@"\s+", RegexOptions.NonBacktracking);
    private static readonly string[] Chrome = ["search all medical codes"];

    private readonly List<NarrativeValue> _values = [];
    private readonly Dictionary<NarrativeSection, int> _seen = [];
    private readonly List<(string Text, int Line)> _items = [];
    private StringBuilder? _open;
    private int _openLine;
    private string? _title, _systemLabel, _systemUrl, _code, _name;
    private int _titleLine, _codeLine, _sectionLine;
    private NarrativeSection? _section;

    public NarrativeDocument Read()
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            ReadLine(lines[i].Replace('\u00A0', ' ').Replace('\t', ' ').Trim(), i + 1);
        }

        CloseSection();
        if (_title is null)
        {
            throw NarrativeException.Invalid("NARRATIVE_NO_TITLE", source, 1, "The document has no recognisable title (the first line names the procedure).");
        }

        if (!_seen.ContainsKey(NarrativeSection.Summary))
        {
            throw NarrativeException.Invalid("NARRATIVE_NO_SUMMARY", source, 0, "The document has no 'Summary' section.");
        }

        return new NarrativeDocument
        {
            Source = source,
            Title = _title,
            TitleLine = _titleLine,
            SystemLabel = _systemLabel,
            System = _systemUrl ?? NarrativeProperties.Cpt,
            Code = _code,
            CodeLine = _codeLine,
            ProcedureName = _name,
            Values = _values,
        };
    }

    private void ReadLine(string line, int n)
    {
        if (line.Length == 0 || Rule.IsMatch(line))
        {
            CloseItem();
            return;
        }

        if (MarkdownHeading.Match(line) is { Success: true } md)
        {
            CloseItem();
            var heading = Unemphasize(md.Groups["text"].Value);
            if (_title is null && _section is null && NarrativeHeadings.Find(heading) is null && !NarrativeHeadings.TryReadCodeLine(heading, out _, out _))
            {
                SetTitle(heading, n);
            }
            else if (!TryCodeLine(heading, n) && !TryHeading(heading, n))
            {
                throw UnknownHeading(heading, n);
            }

            return;
        }

        line = Unemphasize(line);
        if (ListItem.Match(line) is { Success: true } item)
        {
            CloseItem();
            if (_section is null)
            {
                throw NarrativeException.Invalid("NARRATIVE_UNEXPECTED_TEXT", source, n,
                    _title is null ? "The document has no recognisable title: it starts with a list item." : "A list item comes before the first section heading.");
            }

            Open(item.Groups["text"].Value, n);
            return;
        }

        if (_section is null)
        {
            ReadPreamble(line, n);
            return;
        }

        if (TryHeading(line, n))
        {
            return;
        }

        if (_open is not null)
        {
            _open.Append(' ').Append(line);
            return;
        }

        if (LooksLikeHeading(line) && _items.Count > 0)
        {
            throw UnknownHeading(line, n);
        }

        Open(line, n);
    }

    private void ReadPreamble(string line, int n)
    {
        if (Chrome.Contains(NarrativeHeadings.Normalize(line)) || TryCodeLine(line, n) || TryHeading(line, n))
        {
            return;
        }

        if (_title is null)
        {
            SetTitle(line, n);
            return;
        }

        throw LooksLikeHeading(line)
            ? UnknownHeading(line, n)
            : NarrativeException.Invalid("NARRATIVE_UNEXPECTED_TEXT", source, n, $"Unexpected text between the title and the first section heading: '{Shorten(line)}'.");
    }

    private void SetTitle(string title, int n)
    {
        if (!title.Any(char.IsLetter))
        {
            throw NarrativeException.Invalid("NARRATIVE_NO_TITLE", source, n, $"The document has no recognisable title: '{Shorten(title)}' names no procedure.");
        }

        _title = Spaces.Replace(title, " ");
        _titleLine = n;
    }

    private bool TryCodeLine(string line, int n)
    {
        if (_section is not null || !NarrativeHeadings.TryReadCodeLine(line, out var url, out var code))
        {
            return false;
        }

        if (url is not null)
        {
            _systemUrl = url;
            _systemLabel = line;
        }

        if (code is not null)
        {
            _code = code;
            _codeLine = n;
        }

        return true;
    }

    /// <summary>A heading line (<c>Summary</c>, <c>Summary:</c>) or a heading with its text on the same line (<c>Duration: 30 minutes</c>).</summary>
    private bool TryHeading(string line, int n)
    {
        var bare = line.TrimEnd(':', ' ');
        if (NarrativeHeadings.Find(bare) is { } section)
        {
            StartSection(section, n);
            return true;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || NarrativeHeadings.Find(line[..colon]) is not { } inline || inline == _section)
        {
            return false;
        }

        StartSection(inline, n);
        Open(line[(colon + 1)..], n);
        return true;
    }

    private void StartSection(NarrativeSection section, int n)
    {
        if (_title is null)
        {
            throw NarrativeException.Invalid("NARRATIVE_NO_TITLE", source, n,
                $"The document has no recognisable title: it starts with the section heading '{NarrativeHeadings.Canonical[section].TrimEnd(':')}'.");
        }

        if (_seen.TryGetValue(section, out var first))
        {
            throw NarrativeException.Invalid("NARRATIVE_DUPLICATE_HEADING", source, n,
                $"The section '{NarrativeHeadings.Canonical[section].TrimEnd(':')}' appears twice (lines {first} and {n}).");
        }

        CloseSection();
        _seen[section] = n;
        _section = section;
        _sectionLine = n;
    }

    private void Open(string itemText, int n)
    {
        CloseItem();
        _open = new StringBuilder(itemText.Trim());
        _openLine = n;
    }

    private void CloseItem()
    {
        if (_open is null)
        {
            return;
        }

        var value = Spaces.Replace(_open.ToString(), " ").Trim();
        if (value.Length > 0)
        {
            _items.Add((value, _openLine));
        }

        _open = null;
    }

    private void CloseSection()
    {
        CloseItem();
        if (_section is not { } section)
        {
            return;
        }

        var heading = NarrativeHeadings.Canonical[section].TrimEnd(':');
        if (_items.Count == 0 && section is >= NarrativeSection.Summary and <= NarrativeSection.PatientExperience)
        {
            throw NarrativeException.Invalid("NARRATIVE_EMPTY_SECTION", source, _sectionLine, $"The section '{heading}' is empty.");
        }

        if (_items.Count > 0 && section is NarrativeSection.RelatedPolicies or NarrativeSection.SimilarCodes)
        {
            throw NarrativeException.Invalid("NARRATIVE_SERVER_SECTION", source, _items[0].Line,
                $"The section '{heading}' is filled by the server from other sources; leave it empty.");
        }

        NarrativeSections.AddValues(section, _items, _values, ref _name);
        _items.Clear();
        _section = null;
    }

    private NarrativeException UnknownHeading(string heading, int n) =>
        NarrativeException.Invalid("NARRATIVE_UNKNOWN_HEADING", source, n, $"Unknown section heading '{Shorten(heading)}'.", NarrativeHeadings.Known);

    /// <summary>A short line without sentence punctuation, starting with a capital: a heading, if it is not a known one an unknown one.</summary>
    private static bool LooksLikeHeading(string line)
    {
        var bare = line.TrimEnd(':');
        return bare.Length is > 0 and <= 60
            && char.IsUpper(bare[0])
            && !bare.Contains(':', StringComparison.Ordinal)
            && bare[^1] is not ('.' or '!' or '?' or ',' or ';' or ')')
            && bare.Count(c => c == ' ') < 6;
    }

    private static string Unemphasize(string line) => line.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Trim();

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
