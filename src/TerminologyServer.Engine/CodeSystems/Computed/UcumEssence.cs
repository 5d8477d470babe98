using System.Xml.Linq;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// The prefixes and unit atoms of UCUM, read from the <c>ucum-essence.xml</c> that the Fhir.Metrics library (a
/// dependency of the Firely SDK) embeds. Read directly rather than through <c>UCUM.Load()</c>, which needs the
/// en-US culture and fails under InvariantGlobalization.
/// </summary>
internal sealed class UcumEssence
{
    private const string Resource = "Fhir.Metrics.Data.ucum-essence.xml";

    private UcumEssence(
        string version,
        Dictionary<string, string> prefixes,
        Dictionary<string, (string Name, bool Metric)> units,
        Dictionary<string, string?> definitions)
    {
        Version = version;
        Prefixes = prefixes;
        Units = units;
        Definitions = definitions;
    }

    public string Version { get; }

    /// <summary>Prefix symbol (case-sensitive form) to name.</summary>
    public Dictionary<string, string> Prefixes { get; }

    /// <summary>Unit atom (case-sensitive form) to name and whether it takes prefixes.</summary>
    public Dictionary<string, (string Name, bool Metric)> Units { get; }

    /// <summary>
    /// Unit atom to the UCUM expression that defines it (for a special unit such as <c>Cel</c>, the unit its
    /// function is of, <c>K</c>); null for a base unit and for an arbitrary unit (<c>[iU]</c>), which are their
    /// own kind of quantity.
    /// </summary>
    public Dictionary<string, string?> Definitions { get; }

    public static UcumEssence Load()
    {
        using var stream = typeof(Fhir.Metrics.UCUM).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The Fhir.Metrics library has no {Resource}.");
        var root = XDocument.Load(stream).Root!;
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        var units = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        var definitions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var e in root.Elements())
        {
            var code = (string?)e.Attribute("Code");
            var name = (string?)e.Element("name") ?? code;
            if (code is null || name is null)
            {
                continue;
            }

            switch (e.Name.LocalName)
            {
                case "prefix":
                    prefixes[code] = name;
                    break;
                case "base-unit":
                    units[code] = (name, true);
                    definitions[code] = null;
                    break;
                case "unit":
                    units[code] = (name, (string?)e.Attribute("isMetric") == "yes");
                    definitions[code] = Definition(e);
                    break;
            }
        }

        return new UcumEssence((string?)root.Attribute("version") ?? "unknown", prefixes, units, definitions);
    }

    private static string? Definition(XElement unit)
    {
        if ((string?)unit.Attribute("isArbitrary") == "yes")
        {
            return null;
        }

        var value = unit.Element("value");
        return (string?)value?.Element("function")?.Attribute("Unit") ?? (string?)value?.Attribute("Unit") ?? "1";
    }
}
