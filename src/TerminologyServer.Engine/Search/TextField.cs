namespace TerminologyServer.Engine.Search;

/// <summary>Where in a concept a word was found; the order is the order of relevance.</summary>
public enum TextField
{
    Display = 0,
    Designation = 1,

    /// <summary>The definition and string property values (narrative sections of a supplement).</summary>
    Narrative = 2,
}
