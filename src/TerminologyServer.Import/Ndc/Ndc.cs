using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.Ndc;

/// <summary>
/// NDC (<c>http://hl7.org/fhir/sid/ndc</c>) from the FDA National Drug Code Directory files <c>product.txt</c> and
/// <c>package.txt</c> (tab-separated, header line), as HL7's "Using NDC" page defines it: codes are the 10-digit
/// dashed forms (products 4-4/5-3/5-4, packages 4-4-2/5-3-2/5-4-1), a package's display is PACKAGEDESCRIPTION, the
/// version is the directory's date (YYYYMMDD). Each package also carries its 11-digit 5-4-2 form (<c>code11</c>),
/// which the NDC behaviour resolves. A product or package flagged NDC_EXCLUDE_FLAG = Y, or whose marketing ended
/// before the release date, is inactive; so is a package of an inactive product.
/// </summary>
public static partial class Ndc
{
    public const string Url = "http://hl7.org/fhir/sid/ndc";

    private const string ConceptProperties = "http://hl7.org/fhir/concept-properties#";

    private static readonly string[] ProductColumns = ["PRODUCTNDC", "PRODUCTTYPENAME", "PROPRIETARYNAME", "NONPROPRIETARYNAME", "DOSAGEFORMNAME", "ROUTENAME", "LABELERNAME", "MARKETINGCATEGORYNAME"];

    private static readonly string[] PackageColumns = ["PRODUCTNDC", "NDCPACKAGECODE", "PACKAGEDESCRIPTION"];

    /// <summary>String properties of a product (and of its packages): property code and FDA column.</summary>
    private static readonly (string Property, string Column, string Description)[] ProductStrings =
    [
        ("productType", "PRODUCTTYPENAME", "Product type (PRODUCTTYPENAME), e.g. HUMAN PRESCRIPTION DRUG."),
        ("proprietaryName", "PROPRIETARYNAME", "Proprietary (trade) name (PROPRIETARYNAME)."),
        ("proprietaryNameSuffix", "PROPRIETARYNAMESUFFIX", "Suffix of the proprietary name (PROPRIETARYNAMESUFFIX)."),
        ("nonProprietaryName", "NONPROPRIETARYNAME", "Non-proprietary (generic) name (NONPROPRIETARYNAME)."),
        ("dosageForm", "DOSAGEFORMNAME", "Dosage form (DOSAGEFORMNAME)."),
        ("marketingCategory", "MARKETINGCATEGORYNAME", "Marketing category (MARKETINGCATEGORYNAME), e.g. NDA, BLA, ANDA."),
        ("applicationNumber", "APPLICATIONNUMBER", "Application number (APPLICATIONNUMBER)."),
        ("labeler", "LABELERNAME", "Labeler (LABELERNAME)."),
        ("substance", "SUBSTANCENAME", "Active substances (SUBSTANCENAME)."),
        ("strength", "ACTIVE_NUMERATOR_STRENGTH", "Strength of the active substances (ACTIVE_NUMERATOR_STRENGTH)."),
        ("strengthUnit", "ACTIVE_INGRED_UNIT", "Unit of the strength (ACTIVE_INGRED_UNIT)."),
        ("deaSchedule", "DEASCHEDULE", "DEA schedule (DEASCHEDULE)."),
    ];

    public static ImportedCodeSystem Open(string path, string? version = null)
    {
        var folder = SourceFolders.Unpacked(path);
        var product = FindFile(folder, "product.txt");
        var package = FindFile(folder, "package.txt");
        var v = Version(version, path);
        var header = CodeSystemHeaders.Create(
            CodeSystemHeaders.Id("ndc", v), Url, v, "NDC", "National Drug Code (NDC) Directory", "U.S. Food and Drug Administration",
            $"The FDA National Drug Code Directory of {v}: product and package codes (10-digit dashed forms; the 11-digit 5-4-2 form of a package resolves too).");
        header.HierarchyMeaning = null;
        header.Identifier.Add(new Identifier("urn:ietf:rfc:3986", "urn:oid:2.16.840.1.113883.6.69"));
        header.Property("type", CodeSystem.PropertyType.Code, "product (labeler-product) or package (labeler-product-package).")
            .Property("product", CodeSystem.PropertyType.Coding, "For a package: its product.")
            .Property("code11", CodeSystem.PropertyType.String, "For a package: the 11-digit 5-4-2 form without dashes (HIPAA billing form).")
            .Property("packageDescription", CodeSystem.PropertyType.String, "For a package: PACKAGEDESCRIPTION.")
            .Property("route", CodeSystem.PropertyType.String, "Route of administration (ROUTENAME), one value per route.")
            .Property("pharmClass", CodeSystem.PropertyType.String, "Pharmacologic class (PHARM_CLASSES), one value per class.");
        foreach (var (property, _, description) in ProductStrings)
        {
            header.Property(property, CodeSystem.PropertyType.String, description);
        }

        header.Property("startMarketingDate", CodeSystem.PropertyType.DateTime, "STARTMARKETINGDATE.")
            .Property("endMarketingDate", CodeSystem.PropertyType.DateTime, "ENDMARKETINGDATE.")
            .Property("excluded", CodeSystem.PropertyType.Boolean, "NDC_EXCLUDE_FLAG = Y: listed but excluded from the NDC Directory.")
            .Property("sample", CodeSystem.PropertyType.Boolean, "For a package: SAMPLE_PACKAGE = Y.")
            .Property("inactive", CodeSystem.PropertyType.Boolean, "Excluded, or marketing ended before the release date (a package also when its product is inactive).", ConceptProperties + "inactive");
        var hash = SourceFiles.Hash([product, package], $"ndc|{v}");
        return new ImportedCodeSystem(header, hash, [product, package], position => Read(product, package, v, position));
    }

    /// <summary>The 11-digit 5-4-2 form of a 10-digit dashed package code (4-4-2, 5-3-2, 5-4-1), or null when it has another shape.</summary>
    public static string? ToElevenDigits(string code)
    {
        var parts = code.Split('-');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        return (parts[0].Length, parts[1].Length, parts[2].Length) switch
        {
            (4, 4, 2) or (5, 3, 2) or (5, 4, 1) => parts[0].PadLeft(5, '0') + parts[1].PadLeft(4, '0') + parts[2].PadLeft(2, '0'),
            _ => null,
        };
    }

    private static IEnumerable<ImportedConcept> Read(string productFile, string packageFile, string version, ImportPosition position)
    {
        var release = version;
        var products = new Dictionary<string, ImportedConcept>(StringComparer.Ordinal);
        foreach (var row in DelimitedFile.ReadWithHeader(productFile, '\t', ProductColumns, position))
        {
            var code = row["PRODUCTNDC"];
            if (!ProductCode().IsMatch(code))
            {
                throw row.Error($"'{code}' is not a product NDC (4-4, 5-3 or 5-4 digits).");
            }

            // The FDA lists one product NDC under several PRODUCTIDs now and then (relabelled listings): the first wins.
            if (products.ContainsKey(code))
            {
                continue;
            }

            var name = string.Join(' ', new[] { row["PROPRIETARYNAME"], row["PROPRIETARYNAMESUFFIX"] }.Where(s => s.Length > 0));
            var c = new ImportedConcept(code, name.Length > 0 ? name : row["NONPROPRIETARYNAME"]).Property("type", PropertyType.Code, "product");
            AddProductProperties(c, row);
            var inactive = AddStatus(c, row, release);
            c.Property("inactive", inactive);
            products[code] = c;
        }

        foreach (var p in products.Values)
        {
            yield return p;
        }

        var seen = new HashSet<string>(products.Keys, StringComparer.Ordinal);
        foreach (var row in DelimitedFile.ReadWithHeader(packageFile, '\t', PackageColumns, position))
        {
            var code = row["NDCPACKAGECODE"];
            var eleven = ToElevenDigits(code) ?? throw row.Error($"'{code}' is not a package NDC (4-4-2, 5-3-2 or 5-4-1 digits).");
            var productCode = row["PRODUCTNDC"];
            if (!products.TryGetValue(productCode, out var product))
            {
                throw row.Error($"the product {productCode} of package {code} is not in {Path.GetFileName(productFile)}.");
            }

            if (!code.StartsWith(productCode + "-", StringComparison.Ordinal))
            {
                throw row.Error($"the package {code} does not begin with its product code {productCode}.");
            }

            if (!seen.Add(code))
            {
                continue; // listed again under another PRODUCTID of the same product
            }

            var description = row["PACKAGEDESCRIPTION"];
            var c = new ImportedConcept(code, description.Length > 0 ? description : product.Display)
                .Property("type", PropertyType.Code, "package")
                .Property(new PropertyValue("product", PropertyType.Coding, productCode, Url, product.Display))
                .Property("code11", PropertyType.String, eleven);
            if (description.Length > 0)
            {
                c.Property("packageDescription", PropertyType.String, description);
            }

            foreach (var p in product.Properties.Where(p => p.Code is not ("type" or "inactive" or "startMarketingDate" or "endMarketingDate" or "excluded")))
            {
                c.Property(p);
            }

            var inactive = AddStatus(c, row, release) | product.Properties.Any(p => p.Code == "inactive" && p.IsTrue);
            if (row["SAMPLE_PACKAGE"].Length > 0)
            {
                c.Property("sample", row["SAMPLE_PACKAGE"] == "Y");
            }

            c.Property("inactive", inactive);
            yield return c;
        }
    }

    private static void AddProductProperties(ImportedConcept c, FieldRow row)
    {
        foreach (var (property, column, _) in ProductStrings)
        {
            if (row[column] is { Length: > 0 } value)
            {
                c.Property(property, PropertyType.String, value);
            }
        }

        foreach (var route in row["ROUTENAME"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            c.Property("route", PropertyType.String, route);
        }

        // Classes end in a bracketed kind ([EPC], [MoA]) and are separated by commas, which also occur inside names.
        foreach (var cls in ClassSeparator().Split(row["PHARM_CLASSES"]).Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            c.Property("pharmClass", PropertyType.String, cls);
        }
    }

    /// <summary>Adds the marketing dates and the exclusion flag; true when they make the code inactive at <paramref name="release"/>.</summary>
    private static bool AddStatus(ImportedConcept c, FieldRow row, string release)
    {
        var start = Date(row, "STARTMARKETINGDATE");
        var end = Date(row, "ENDMARKETINGDATE");
        if (start is not null)
        {
            c.Property("startMarketingDate", PropertyType.DateTime, start);
        }

        if (end is not null)
        {
            c.Property("endMarketingDate", PropertyType.DateTime, end);
        }

        var excluded = row["NDC_EXCLUDE_FLAG"] switch
        {
            "Y" => true,
            "N" or "" => false,
            var other => throw row.Error($"NDC_EXCLUDE_FLAG '{other}' is neither Y nor N."),
        };
        c.Property("excluded", excluded);
        return excluded || (end is not null && string.CompareOrdinal(end.Replace("-", "", StringComparison.Ordinal), release) < 0);
    }

    private static string? Date(FieldRow row, string column)
    {
        var t = row[column];
        if (t.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(t, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw row.Error($"bad {column} '{t}' (expected YYYYMMDD).");
    }

    private static string Version(string? given, string path)
    {
        var text = given ?? Path.GetFileName(path.TrimEnd('/', '\\'));
        var m = DatePattern().Match(text.Trim());
        if (m.Success)
        {
            return m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value;
        }

        throw new ImportException(given is null
            ? $"cannot tell the NDC directory's date from '{text}': give it (e.g. --version 20250711)."
            : $"unknown NDC version '{given}': use the directory's date, YYYYMMDD (e.g. 20250711).");
    }

    private static string FindFile(string folder, string name) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).Equals(name, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault()
        ?? throw new ImportException($"no {name} below {folder}: the NDC directory has product.txt and package.txt.");

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{4}$|^[0-9]{5}-[0-9]{3,4}$")]
    private static partial Regex ProductCode();

    [GeneratedRegex(@"^(20[0-9]{2})-?([01][0-9])-?([0-3][0-9])$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?<=\]),")]
    private static partial Regex ClassSeparator();
}
