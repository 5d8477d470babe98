using System.Globalization;

namespace TerminologyServer.Engine.Snomed;

/// <summary>Names of the editions by their module, as SNOMED International and the national release centres publish them.</summary>
public static class SnomedEditions
{
    private static readonly Dictionary<long, string> Known = new()
    {
        [900000000000207008] = "International Edition",
        [449081005] = "International Spanish Edition",
        [731000124108] = "US Edition",
        [999000041000000102] = "UK Edition",
        [83821000000107] = "UK Edition",
        [32506021000036107] = "Australian Edition",
        [20621000087109] = "Canadian English Edition",
        [20611000087101] = "Canadian Canadian French Edition",
        [554471000005108] = "Danish Edition",
        [11000146104] = "Netherlands Edition",
        [45991000052106] = "Swedish Edition",
        [2011000195101] = "Swiss Edition",
        [11000172109] = "Belgian Edition",
        [21000210109] = "New Zealand Edition",
        [51000202101] = "Norwegian Edition",
        [11000181102] = "Estonian Edition",
        [827022005] = "IPS Terminology",
    };

    /// <summary>
    /// The edition's name: its own when known, else the name of the known edition its module depends on (a test or
    /// local extension is part of that edition), else its module id.
    /// </summary>
    public static string Name(SnomedEdition edition)
    {
        var module = edition.Version.Module;
        if (Known.TryGetValue(module, out var name))
        {
            return name;
        }

        foreach (var (from, to) in edition.ModuleDependencies)
        {
            if (from == module && Known.TryGetValue(to, out var depended))
            {
                return depended;
            }
        }

        return "module " + module.ToString(CultureInfo.InvariantCulture);
    }
}
