namespace TerminologyServer.Api.Startup;

/// <summary>Configuration section <c>Terminology</c>: limits of the value set engine.</summary>
public sealed class TerminologyOptions
{
    public const string Section = "Terminology";

    /// <summary>Largest expansion returned without <c>count</c> (the <c>X-TOO-COSTLY-THRESHOLD</c> header can lower it).</summary>
    public int MaxExpansionSize { get; set; } = 10_000;

    /// <summary>Deepest chain of value set imports followed.</summary>
    public int MaxImportDepth { get; set; } = 32;

    /// <summary>Longest time one regex filter may spend on one code, in milliseconds.</summary>
    public int RegexTimeoutMilliseconds { get; set; } = 200;
}
