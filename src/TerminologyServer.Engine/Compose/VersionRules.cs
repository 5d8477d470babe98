using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// Picks the code system version an include or a coding refers to, applying the request's
/// <c>system-version</c> (default), <c>force-system-version</c> (override) and <c>check-system-version</c>
/// (must match) canonicals. Versions may use wildcards: <c>1.0.x</c> or <c>1.0.*</c> matches <c>1.0.7</c>.
/// See https://hl7.org/fhir/R4/valueset-operation-expand.html.
/// </summary>
public sealed class VersionRules
{
    public static readonly VersionRules None = new([], [], []);

    private readonly Dictionary<string, string> _defaults;
    private readonly Dictionary<string, string> _checks;
    private readonly Dictionary<string, string> _forced;

    public VersionRules(IEnumerable<string> systemVersions, IEnumerable<string> checkSystemVersions, IEnumerable<string> forceSystemVersions)
    {
        _defaults = ToMap(systemVersions);
        _checks = ToMap(checkSystemVersions);
        _forced = ToMap(forceSystemVersions);
    }

    /// <summary>The <c>system-version</c> canonicals that chose a version for content naming none (echoed by $expand).</summary>
    public ISet<string> AppliedDefaults { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The <c>check-system-version</c> canonicals that chose a version for content naming none (echoed by $expand).</summary>
    public ISet<string> AppliedChecks { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The version (or version pattern) to use for <paramref name="url"/> given the version the content names.</summary>
    /// <remarks>A check-system-version also steers the choice when nothing else names a version.</remarks>
    public string? EffectiveVersion(string url, string? statedVersion)
    {
        if (_forced.GetValueOrDefault(url) is { } forced)
        {
            return forced;
        }

        if (statedVersion is not null)
        {
            return statedVersion;
        }

        if (_defaults.GetValueOrDefault(url) is { } fallback)
        {
            AppliedDefaults.Add($"{url}|{fallback}");
            return fallback;
        }

        if (_checks.GetValueOrDefault(url) is { } check)
        {
            AppliedChecks.Add($"{url}|{check}");
            return check;
        }

        return null;
    }

    /// <summary>
    /// Resolves a code system version, or null when the url is unknown. Throws not-found for a known url
    /// with an unknown version, and a version error when a <c>check-system-version</c> is not met.
    /// </summary>
    public CodeSystemIndex? Resolve(ICodeSystemProvider provider, string url, string? statedVersion, string purpose, bool check = true, string messageId = "UNKNOWN_CODESYSTEM_VERSION_EXP")
    {
        var version = EffectiveVersion(url, statedVersion);
        var cs = FindMatching(provider, url, version);
        if (cs is null)
        {
            if (version is not null && provider.Versions(url) is { Count: > 0 } known)
            {
                throw new TerminologyException(
                    OperationOutcome.IssueType.NotFound,
                    messageId,
                    $"A definition for CodeSystem '{url}' version '{version}' could not be found, so {purpose}. Valid versions: {string.Join(" or ", known.Select(k => k.Version ?? "(none)").Order(StringComparer.Ordinal))}")
                {
                    TxIssueType = "not-found",
                };
            }

            return null;
        }

        if (check)
        {
            Check(cs);
        }

        return cs;
    }

    /// <summary>Throws a version error when a <c>check-system-version</c> for the code system is not met.</summary>
    public void Check(CodeSystemIndex cs)
    {
        if (_checks.TryGetValue(cs.Url, out var required) && !Matches(required, cs.Version))
        {
            throw new TerminologyException(
                OperationOutcome.IssueType.Exception,
                "VALUESET_VERSION_CHECK",
                $"The version '{cs.Version}' is not allowed for system '{cs.Url}': required to be '{required}' by a version-check parameter")
            {
                TxIssueType = "version-error",
            };
        }
    }

    /// <summary>The latest version of <paramref name="url"/> that matches <paramref name="version"/> (a pattern or exact).</summary>
    public static CodeSystemIndex? FindMatching(ICodeSystemProvider provider, string url, string? version)
    {
        if (version is null || !IsPattern(version))
        {
            return provider.Find(url, version);
        }

        return provider.Versions(url).FirstOrDefault(v => Matches(version, v.Version));
    }

    public static bool IsPattern(string version) =>
        version.Split('.').Any(s => s is "x" or "X" or "*") || Snomed.SnomedVersion.IsEditionOnlyUri(version);

    /// <summary>True when <paramref name="actual"/> equals <paramref name="pattern"/>, wildcard segments matching anything.</summary>
    public static bool Matches(string pattern, string? actual)
    {
        if (actual is null)
        {
            return false;
        }

        if (!IsPattern(pattern))
        {
            return pattern == actual;
        }

        // A SNOMED CT edition URI without a version stands for every version of that edition.
        if (Snomed.SnomedVersion.IsEditionOnlyUri(pattern))
        {
            return Snomed.SnomedVersion.Matches(pattern, actual);
        }

        var p = pattern.Split('.');
        var a = actual.Split('.');
        if (a.Length < p.Length)
        {
            return false;
        }

        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] is not ("x" or "X" or "*") && p[i] != a[i])
            {
                return false;
            }
        }

        // "1.x" also covers "1.2.3": a trailing wildcard stands for the rest of the version.
        return a.Length == p.Length || p[^1] is "x" or "X" or "*";
    }

    private static Dictionary<string, string> ToMap(IEnumerable<string> canonicals)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in canonicals)
        {
            var (url, version) = Canonical.Split(c);
            if (version is not null)
            {
                map[url] = version;
            }
        }

        return map;
    }
}
