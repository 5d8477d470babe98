namespace TerminologyServer.Import;

/// <summary>
/// Every kind of import, in the order the command line lists them. The CLI verbs <c>import &lt;kind&gt;</c> and
/// <c>POST CodeSystem/$import?kind=</c> are both made from this list: add a new importer here (a reader that yields
/// an <see cref="ImportedCodeSystem"/>, wrapped in a <see cref="CodeSystemImportKind"/>) and both have it.
/// </summary>
public static class ImportKinds
{
    public static readonly IReadOnlyList<ImportKind> All =
    [
        new CodeSystemImportKind("icd10cm", "<order-file>", "imports ICD-10-CM from the CMS order file", "2026|FY2026",
            r => Icd10Cm.Open(r.Files[0], r.Version, r.Option("tabular")), options: [new ImportOption("tabular", "<xml>", IsFile: true)]),
        new CodeSystemImportKind("icd10pcs", "<order-file>", "imports ICD-10-PCS from the CMS order file", "2026",
            r => Icd10Pcs.Open(r.Files[0], r.Version)),
        new CodeSystemImportKind("hcpcs", "<alpha-numeric-file>", "imports HCPCS Level II from the CMS file", "2025-01",
            r => Hcpcs.Open(r.Files[0], r.Version)),
        new CodeSystemImportKind("cpt", "<folder-or-files...>", "imports CPT from AMA licensee files", "2026",
            r => Cpt.Open(r.Files, r.Version), maxFiles: int.MaxValue),
        new Snomed.SnomedImportKind(),
        new CodeSystemImportKind("loinc", "<folder-or-zip>", "imports LOINC from a release folder (Loinc.csv and accessory files)", "2.81",
            r => Loinc.Loinc.Open(r.Files[0], r.Version), folder: true, versionInInput: true),
        new CodeSystemImportKind("rxnorm", "<folder-or-zip>", "imports RxNorm from the RRF files (RXNCONSO, RXNREL, RXNSAT, RXNSAB, RXNCUI, RXNSTY)", "25AA_250707F",
            r => RxNorm.RxNorm.Open(r.Files[0], r.Version), folder: true, versionInInput: true),
        new CodeSystemImportKind("ndc", "<folder-or-zip>", "imports NDC from the FDA directory files (product.txt, package.txt)", "20250711",
            r => Ndc.Ndc.Open(r.Files[0], r.Version), folder: true),
        new FhirImportKind(),
    ];

    public static IEnumerable<string> Names => All.Select(k => k.Name);

    /// <summary>The kind named <paramref name="name"/> (exact, lower case), or null.</summary>
    public static ImportKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
