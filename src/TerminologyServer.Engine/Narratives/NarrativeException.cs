using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Narratives;

/// <summary>A narrative document that cannot be imported; the message names the source, the line and, where useful, candidates.</summary>
public sealed class NarrativeException : TerminologyException
{
    public NarrativeException(OperationOutcome.IssueType type, string messageId, string source, int line, string message, IReadOnlyList<string>? candidates = null)
        : base(type, messageId, Format(source, line, message, candidates))
    {
        Source = source;
        Line = line;
        Candidates = candidates ?? [];
    }

    /// <summary>The file or request the document came from.</summary>
    public new string Source { get; }

    /// <summary>1-based line of the problem; 0 when it concerns the whole document.</summary>
    public int Line { get; }

    public IReadOnlyList<string> Candidates { get; }

    public static NarrativeException Invalid(string messageId, string source, int line, string message, IReadOnlyList<string>? candidates = null) =>
        new(OperationOutcome.IssueType.Invalid, messageId, source, line, message, candidates);

    private static string Format(string source, int line, string message, IReadOnlyList<string>? candidates)
    {
        var where = line > 0 ? $"{source}, line {line}" : source;
        var text = $"{where}: {message}";
        return candidates is { Count: > 0 } ? $"{text} Candidates: {string.Join("; ", candidates)}." : text;
    }
}
