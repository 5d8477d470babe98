namespace TerminologyServer.Engine.Narratives;

/// <summary>The sections of a procedure narrative, in the order the document layout gives them.</summary>
public enum NarrativeSection
{
    Name,
    Summary,
    Purpose,
    Indications,
    Preparation,
    Procedure,
    Duration,
    Setting,
    Personnel,
    Risks,
    Benefits,
    Recovery,
    Alternatives,
    PatientExperience,
    Policies,
    RelatedPolicies,
    SimilarCodes,
}

/// <summary>One property value taken from a document, with the line it starts on.</summary>
public sealed record NarrativeValue(string Property, string Text, int Line);

/// <summary>
/// A parsed procedure narrative: who it is about (title, optional code-system and code lines, the procedure's
/// name) and its content as narrative property values (<see cref="NarrativeProperties"/>), in document order.
/// </summary>
public sealed record NarrativeDocument
{
    /// <summary>Where the text came from (a file name), used in every error message.</summary>
    public required string Source { get; init; }

    public required string Title { get; init; }

    public int TitleLine { get; init; }

    /// <summary>The code-system line as written (<c>CPT4 code</c>), if any.</summary>
    public string? SystemLabel { get; init; }

    /// <summary>The code system the document is about: from its code-system line, else CPT.</summary>
    public string System { get; init; } = NarrativeProperties.Cpt;

    /// <summary>An explicit code (<c>CPT4 code: 72240</c>), if the document has one.</summary>
    public string? Code { get; init; }

    public int CodeLine { get; init; }

    /// <summary>The "Name of the Procedure", if given.</summary>
    public string? ProcedureName { get; init; }

    public IReadOnlyList<NarrativeValue> Values { get; init; } = [];

    /// <summary>The values of one property, in order.</summary>
    public IEnumerable<string> ValuesOf(string property) => Values.Where(v => v.Property == property).Select(v => v.Text);

    /// <summary>
    /// The content as "property: value" lines, grouped in declaration order, steps kept in order: two documents
    /// with the same structure give the same list whatever their layout (bullets, numbering, line endings).
    /// </summary>
    public IReadOnlyList<string> Structure()
    {
        var lines = new List<string> { $"name: {ProcedureName}" };
        foreach (var (code, _, _) in NarrativeProperties.All)
        {
            lines.AddRange(ValuesOf(code).Select(v => $"{code}: {v}"));
        }

        return lines;
    }
}
