using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import;

/// <summary>
/// HCPCS Level II (<c>http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets</c>) from the CMS alpha-numeric
/// file (fixed width, 320 characters; layout in CMS's record layout file): procedure codes (record 3, continued
/// by 4) and modifiers (7, continued by 8). A code whose termination date lies before the release is inactive.
/// </summary>
public static class Hcpcs
{
    public const string Url = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    private const int RecordLength = 320;

    public static ImportedCodeSystem Open(string file, string? version = null)
    {
        var v = ImportVersions.Quarter(version, file);
        var release = v.Replace("-", "", StringComparison.Ordinal) + "01";
        var header = CodeSystemHeaders.Create(
            CodeSystemHeaders.Id("hcpcs", v), Url, v, "HCPCS",
            "Healthcare Common Procedure Coding System (HCPCS) Level II",
            "Centers for Medicare & Medicaid Services (CMS)",
            $"HCPCS Level II release {v}, imported from the CMS alpha-numeric file: procedure codes and modifiers. Display is the long description; the short description is a designation.");
        header.HierarchyMeaning = null;
        header.Property("status", CodeSystem.PropertyType.Code, "active, or retired when the termination date lies before the release.", CodeSystemHeaders.ConceptProperties + "status")
            .Property("inactive", CodeSystem.PropertyType.Boolean, "True when the code was terminated before this release.", CodeSystemHeaders.ConceptProperties + "inactive")
            .Property("modifier", CodeSystem.PropertyType.Boolean, "True for a modifier (two characters), false for a procedure code.")
            .Property("addedDate", CodeSystem.PropertyType.DateTime, "Date the code was added (CODE ADDED DATE).")
            .Property("effectiveDate", CodeSystem.PropertyType.DateTime, "Effective date of the latest action (ACTION EFFECTIVE DATE).")
            .Property("terminationDate", CodeSystem.PropertyType.DateTime, "Last date the code is valid (TERMINATION DATE).")
            .Property("actionCode", CodeSystem.PropertyType.Code, "Latest action: A add, B/C/F/P/S/T changes, D discontinue, N no maintenance, R reactivate.")
            .Property("coverageCode", CodeSystem.PropertyType.Code, "Medicare coverage code (C carrier judgement, D special coverage instructions, I not payable, M non-covered, S non-covered by statute).")
            .Property("betosCode", CodeSystem.PropertyType.Code, "Berenson-Eggers Type of Service code.")
            .Property("pricingIndicator", CodeSystem.PropertyType.Code, "Medicare pricing indicator code.");
        var hash = SourceFiles.Hash([file], $"hcpcs|{v}");
        return new ImportedCodeSystem(header, hash, [file], position => Read(file, release, position));
    }

    private static IEnumerable<ImportedConcept> Read(string path, string release, ImportPosition position)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Pending? current = null;
        foreach (var (number, raw) in SourceFiles.ReadLines(path, position))
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            if (raw.Length > RecordLength + 1 || raw.Length < 12 || raw[10] is not ('3' or '4' or '7' or '8') || !IsDigits(raw.AsSpan(5, 5)))
            {
                throw new ImportException("not a record of the HCPCS alpha-numeric file (expected 320 characters: code in 1-5, sequence number in 6-10, record id 3/4/7/8 in 11).", path, number);
            }

            var line = raw.PadRight(RecordLength);
            var ric = line[10];
            var modifier = ric is '7' or '8';
            var code = modifier ? line[3..5] : line[..5];
            if ((modifier && (line[..3] != "   " || !IsCode(code))) || (!modifier && (code.Length != 5 || !IsCode(code))))
            {
                throw new ImportException($"'{code.Trim()}' is not a HCPCS {(modifier ? "modifier" : "code")}.", path, number);
            }

            var chunk = line[11..91].Trim();
            if (ric is '4' or '8')
            {
                if (current is null || current.Code != code)
                {
                    throw new ImportException($"continuation line of {code} without its first line.", path, number);
                }

                current.Long = current.Long.Length == 0 ? chunk : current.Long + " " + chunk;
                continue;
            }

            if (current is not null)
            {
                yield return current.ToConcept();
            }

            if (!seen.Add(code))
            {
                throw new ImportException($"duplicate code {code}.", path, number);
            }

            current = new Pending(code, modifier, chunk, line[91..119].Trim())
            {
                Pricing = line[119..121].Trim(),
                Coverage = line[229..230].Trim(),
                Betos = line[256..259].Trim(),
                Added = Date(line[268..276], "code added date", path, number),
                Effective = Date(line[276..284], "action effective date", path, number),
                Terminated = Date(line[284..292], "termination date", path, number),
                Action = line[292..293].Trim(),
                Release = release,
            };
        }

        if (current is null)
        {
            throw new ImportException("no codes found: not a HCPCS alpha-numeric file.", path);
        }

        yield return current.ToConcept();
    }

    /// <summary>YYYYMMDD → YYYY-MM-DD; blank → null.</summary>
    private static string? Date(string text, string field, string path, long number)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        return t.Length == 8 && IsDigits(t) && DateOnly.TryParseExact(t, "yyyyMMdd", out var d)
            ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : throw new ImportException($"bad {field} '{t}' (expected YYYYMMDD).", path, number);
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCode(string code) => code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    private sealed class Pending(string code, bool modifier, string longText, string shortText)
    {
        public string Code => code;

        public string Long { get; set; } = longText;

        public string Pricing { get; init; } = "";

        public string Coverage { get; init; } = "";

        public string Betos { get; init; } = "";

        public string? Added { get; init; }

        public string? Effective { get; init; }

        public string? Terminated { get; init; }

        public string Action { get; init; } = "";

        public required string Release { get; init; }

        public ImportedConcept ToConcept()
        {
            var inactive = Terminated is not null && string.CompareOrdinal(Terminated.Replace("-", "", StringComparison.Ordinal), Release) < 0;
            var c = new ImportedConcept(code, Long.Length > 0 ? Long : shortText)
                .Property("status", PropertyType.Code, inactive ? "retired" : "active")
                .Property("inactive", inactive)
                .Property("modifier", modifier);
            if (shortText.Length > 0)
            {
                c.Designation(new Designation("en", IcdOrderFile.ShortUse, shortText));
            }

            Add(c, "addedDate", PropertyType.DateTime, Added);
            Add(c, "effectiveDate", PropertyType.DateTime, Effective);
            Add(c, "terminationDate", PropertyType.DateTime, Terminated);
            Add(c, "actionCode", PropertyType.Code, Action);
            Add(c, "coverageCode", PropertyType.Code, Coverage);
            Add(c, "betosCode", PropertyType.Code, Betos);
            Add(c, "pricingIndicator", PropertyType.Code, Pricing);
            return c;
        }

        private static void Add(ImportedConcept c, string property, PropertyType type, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                c.Property(property, type, value);
            }
        }
    }
}
