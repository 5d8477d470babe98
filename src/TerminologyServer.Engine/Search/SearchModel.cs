using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>A search over every loaded code system (see <see cref="CodeSearch"/>).</summary>
/// <param name="Text">What the user typed: codes, parts of codes, words or word beginnings.</param>
/// <param name="Systems">Code system urls to search; null or empty for all.</param>
/// <param name="ActiveOnly">Leave out inactive (retired, terminated) concepts.</param>
/// <param name="Administrative">
/// Search the FHIR-core administrative code systems too (<see cref="TextRank.IsAdministrative"/>: HL7 terminology,
/// FHIR-defined codes). They rank after the clinical systems anyway; the site leaves them out unless asked, and a
/// system named in <paramref name="Systems"/> is always searched.
/// </param>
public sealed record SearchQuery(string Text, IReadOnlyCollection<string>? Systems = null, bool ActiveOnly = false, int Limit = 20, int Offset = 0, bool Administrative = true);

/// <summary>Why a concept matched, best first.</summary>
public enum MatchKind
{
    /// <summary>The query is the code (ignoring case and punctuation: <c>e119</c> finds <c>E11.9</c>).</summary>
    Code,

    /// <summary>The code starts with the query.</summary>
    CodePrefix,

    /// <summary>Every query word starts a word of the display.</summary>
    Display,

    /// <summary>Every query word starts a word of the display or of a designation (synonym, short name…).</summary>
    Designation,

    /// <summary>Every query word starts a word of the concept's texts, narrative included (definition, string properties, supplements).</summary>
    Narrative,
}

/// <summary>One result: the concept, its code system version, why it matched, and a piece of the text that matched when it is not the display.</summary>
public sealed record SearchHit(CodeSystemIndex System, Concept Concept, MatchKind Match, bool Typo, string? Snippet);

/// <summary>
/// The requested page of results, best first, and how many concepts matched in all; when the best result matched
/// only with a spelling correction, <paramref name="DidYouMean"/> is the query as that result spells it.
/// </summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Total, string? DidYouMean = null);
