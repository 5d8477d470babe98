namespace TerminologyServer.Engine.ValueSets;

/// <summary>Limits and services of the value set engine, set once at start.</summary>
public sealed record ValueSetEngineOptions
{
    /// <summary>The largest expansion served without <c>count</c>; more is refused as too costly.</summary>
    public int MaxExpansionSize { get; init; } = 10_000;

    /// <summary>How deep value set imports may nest before the expansion is refused.</summary>
    public int MaxImportDepth { get; init; } = 32;

    /// <summary>Time limit for one regular-expression match of a <c>regex</c> filter.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock that stamps <c>expansion.timestamp</c>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
