using System.Globalization;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// SNOMED CT version URIs as SNOMED International defines them for FHIR
/// (https://confluence.ihtsdotools.org/display/DOCEXTPG/4.4.2+Edition+URI+Examples):
/// <c>http://snomed.info/sct/{module}/version/{yyyymmdd}</c> for a published edition version,
/// <c>http://snomed.info/xsct/{module}/version/{yyyymmdd}</c> for unpublished content, and
/// <c>http://snomed.info/sct/{module}</c> (an edition without a version) meaning its latest version.
/// </summary>
public readonly record struct SnomedVersion(long Module, int? EffectiveTime, bool Unpublished)
{
    /// <summary>The code system url of every SNOMED CT edition.</summary>
    public const string SystemUrl = "http://snomed.info/sct";

    private const string Published = "http://snomed.info/sct/", Unreleased = "http://snomed.info/xsct/";

    /// <summary>The module of the International Edition.</summary>
    public const long InternationalModule = 900000000000207008;

    /// <summary>True for an edition-only URI (no <c>/version/</c>): the latest version of that edition.</summary>
    public bool IsEditionOnly => EffectiveTime is null;

    /// <summary>Parses a version URI; false (and a reason) for anything that is not one.</summary>
    public static bool TryParse(string? text, out SnomedVersion version, out string? error)
    {
        version = default;
        error = null;
        if (text is null)
        {
            error = "no version";
            return false;
        }

        var unpublished = text.StartsWith(Unreleased, StringComparison.Ordinal);
        if (!unpublished && !text.StartsWith(Published, StringComparison.Ordinal))
        {
            error = $"'{text}' is not a SNOMED CT version URI (http://snomed.info/sct/{{module}}/version/{{yyyymmdd}} or http://snomed.info/xsct/...)";
            return false;
        }

        var rest = text[(unpublished ? Unreleased : Published).Length..].Split('/');
        if (rest.Length is not (1 or 3) || !long.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var module) || !Sctid.IsValid(rest[0]))
        {
            error = $"'{text}' does not name a valid edition module id after {(unpublished ? Unreleased : Published)}";
            return false;
        }

        int? date = null;
        if (rest.Length == 3)
        {
            if (rest[1] != "version" || !IsDate(rest[2]))
            {
                error = $"'{text}' must end with /version/{{yyyymmdd}}";
                return false;
            }

            date = int.Parse(rest[2], CultureInfo.InvariantCulture);
        }

        version = new SnomedVersion(module, date, unpublished);
        return true;
    }

    /// <summary>True when <paramref name="requested"/> (full or edition-only) names the version <paramref name="actual"/>.</summary>
    public static bool Matches(string requested, string? actual)
    {
        if (requested == actual)
        {
            return true;
        }

        if (!TryParse(requested, out var want, out _) || !TryParse(actual, out var have, out _))
        {
            return false;
        }

        // An edition-only URI names the edition, published or not; a full URI must match exactly (above).
        return want.IsEditionOnly && want.Module == have.Module && (want.Unpublished == have.Unpublished || !want.Unpublished);
    }

    /// <summary>True when <paramref name="version"/> is a SNOMED CT edition URI without a version date.</summary>
    public static bool IsEditionOnlyUri(string? version) => TryParse(version, out var v, out _) && v.IsEditionOnly;

    /// <summary>The full URI.</summary>
    public override string ToString() =>
        (Unpublished ? Unreleased : Published) + Module.ToString(CultureInfo.InvariantCulture)
        + (EffectiveTime is { } d ? "/version/" + d.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>True for a valid yyyymmdd date.</summary>
    public static bool IsDate(string text) =>
        text.Length == 8 && DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
