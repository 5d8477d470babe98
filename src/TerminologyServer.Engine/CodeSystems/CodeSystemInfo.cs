namespace TerminologyServer.Engine.CodeSystems;

/// <summary>The resource-level facts of a code system version that the engine needs.</summary>
public sealed record CodeSystemInfo
{
    public required string Url { get; init; }
    public string? Version { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Status { get; init; }

    /// <summary>True when the code system is marked experimental (not for genuine use).</summary>
    public bool Experimental { get; init; }

    /// <summary>The standards-status extension of the resource (<c>deprecated</c>, <c>withdrawn</c>…), when present.</summary>
    public string? StandardsStatus { get; init; }

    /// <summary><c>complete</c>, <c>fragment</c>, <c>example</c>, <c>not-present</c> or <c>supplement</c>.</summary>
    public string Content { get; init; } = "complete";

    /// <summary>For a supplement: the canonical (url or url|version) of the code system it supplements.</summary>
    public string? Supplements { get; init; }

    public bool CaseSensitive { get; init; } = true;
    public string? HierarchyMeaning { get; init; }
    public string? Language { get; init; }
    public string? Publisher { get; init; }
    public string? Copyright { get; init; }
}
