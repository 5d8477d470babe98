using TerminologyServer.Engine.Narratives;

namespace TerminologyServer.Import;

/// <summary>Configuration section <c>Narratives</c>: procedure narratives.</summary>
public sealed class NarrativeOptions
{
    public const string Section = "Narratives";

    /// <summary>Apply the narrative supplement of a code system to every <c>$lookup</c> of it (default true).</summary>
    public bool ApplyToLookup { get; set; } = true;

    /// <summary>Largest narrative document accepted (file or request body), in bytes (default 256 KiB).</summary>
    public long MaxDocumentBytes { get; set; } = NarrativeParser.DefaultMaxBytes;
}
