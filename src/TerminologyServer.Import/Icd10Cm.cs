using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import;

/// <summary>
/// ICD-10-CM (<c>http://hl7.org/fhir/sid/icd-10-cm</c>) from the CMS order file, optionally with chapters and
/// sections from the CDC Tabular List XML. Codes are shown with their dot (<c>A00.0</c>).
/// </summary>
public static class Icd10Cm
{
    public const string Url = "http://hl7.org/fhir/sid/icd-10-cm";

    /// <summary>Reads <paramref name="orderFile"/> (plain or gzip); <paramref name="version"/> as in <see cref="ImportVersions.Year"/>.</summary>
    public static ImportedCodeSystem Open(string orderFile, string? version = null, string? tabularXml = null)
    {
        var v = ImportVersions.Year(version, orderFile);
        var header = CodeSystemHeaders.Create(
            CodeSystemHeaders.Id("icd-10-cm", v), Url, v, "ICD10CM",
            "International Classification of Diseases, Tenth Revision, Clinical Modification (ICD-10-CM)",
            "Centers for Disease Control and Prevention, National Center for Health Statistics (NCHS)",
            $"ICD-10-CM FY{v}, imported from the CMS order file{(tabularXml is null ? "" : " with chapters and sections from the Tabular List XML")}. Display is the long description; the short description is a designation.")
            .Property("billable", CodeSystem.PropertyType.Boolean, "True when the code is valid for HIPAA-covered transactions; false for a header (category or subcategory with children).")
            .Property("notSelectable", CodeSystem.PropertyType.Boolean, "True for headers, chapters and sections: not to be used in data.", CodeSystemHeaders.ConceptProperties + "notSelectable");
        if (tabularXml is not null)
        {
            header.Property("kind", CodeSystem.PropertyType.Code, "chapter or section, for the grouping concepts of the Tabular List.");
        }

        var files = tabularXml is null ? new[] { orderFile } : [orderFile, tabularXml];
        var hash = SourceFiles.Hash(files, $"icd10cm|{v}");
        return new ImportedCodeSystem(header, hash, files, position => Read(orderFile, tabularXml, position));
    }

    /// <summary>The code with its dot after the third character.</summary>
    public static string WithDot(string code) => code.Length > 3 ? string.Concat(code.AsSpan(0, 3), ".", code.AsSpan(3)) : code;

    private static IEnumerable<ImportedConcept> Read(string orderFile, string? tabularXml, ImportPosition position)
    {
        IcdTabular? tabular = null;
        if (tabularXml is not null)
        {
            tabular = IcdTabular.Read(tabularXml, position);
            foreach (var c in tabular.Concepts())
            {
                yield return c;
            }
        }

        var rules = new IcdOrderFile.Rules("ICD-10-CM", CheckCode, WithDot, code => tabular?.SectionOf(code));
        foreach (var c in IcdOrderFile.Read(orderFile, position, rules))
        {
            yield return c;
        }
    }

    private static string? CheckCode(string code) =>
        code.Length is < 3 or > 7 ? "ICD-10-CM codes have 3 to 7 characters"
        : !IcdOrderFile.IsCodeChars(code) ? "only digits and capital letters are allowed"
        : !char.IsAsciiLetterUpper(code[0]) ? "an ICD-10-CM code starts with a letter"
        : null;
}

/// <summary>ICD-10-PCS (<c>http://www.cms.gov/Medicare/Coding/ICD10</c>) from the CMS order file: 3-character tables and 7-character codes.</summary>
public static class Icd10Pcs
{
    public const string Url = "http://www.cms.gov/Medicare/Coding/ICD10";

    public static ImportedCodeSystem Open(string orderFile, string? version = null)
    {
        var v = ImportVersions.Year(version, orderFile);
        var header = CodeSystemHeaders.Create(
            CodeSystemHeaders.Id("icd-10-pcs", v), Url, v, "ICD10PCS",
            "International Classification of Diseases, Tenth Revision, Procedure Coding System (ICD-10-PCS)",
            "Centers for Medicare & Medicaid Services (CMS)",
            $"ICD-10-PCS FY{v}, imported from the CMS order file. The 3-character tables are headers; a 7-character code's parent is its table.")
            .Property("billable", CodeSystem.PropertyType.Boolean, "True for a valid 7-character code; false for a table header.")
            .Property("notSelectable", CodeSystem.PropertyType.Boolean, "True for the table headers.", CodeSystemHeaders.ConceptProperties + "notSelectable");
        var hash = SourceFiles.Hash([orderFile], $"icd10pcs|{v}");
        var rules = new IcdOrderFile.Rules("ICD-10-PCS", CheckCode, c => c, _ => null);
        return new ImportedCodeSystem(header, hash, [orderFile], position => IcdOrderFile.Read(orderFile, position, rules));
    }

    private static string? CheckCode(string code) =>
        code.Length is not (3 or 7) ? "ICD-10-PCS codes have 7 characters (tables 3)"
        : !IcdOrderFile.IsCodeChars(code) ? "only digits and capital letters are allowed"
        : null;
}
