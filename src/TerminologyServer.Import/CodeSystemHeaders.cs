using Hl7.Fhir.Model;

namespace TerminologyServer.Import;

/// <summary>Helpers to build the CodeSystem resource (without concepts) that an importer stores.</summary>
internal static class CodeSystemHeaders
{
    public const string ConceptProperties = "http://hl7.org/fhir/concept-properties#";

    public static CodeSystem Create(string id, string url, string version, string name, string title, string publisher, string description) => new()
    {
        Id = id,
        Url = url,
        Version = version,
        Name = name,
        Title = title,
        Status = PublicationStatus.Active,
        Experimental = false,
        Publisher = publisher,
        Description = new Markdown(description),
        CaseSensitive = true,
        Content = CodeSystemContentMode.Complete,
        HierarchyMeaning = CodeSystem.CodeSystemHierarchyMeaning.IsA,
    };

    public static CodeSystem Property(this CodeSystem cs, string code, CodeSystem.PropertyType type, string description, string? uri = null)
    {
        cs.Property.Add(new CodeSystem.PropertyComponent { Code = code, Type = type, Description = description, Uri = uri });
        return cs;
    }

    /// <summary>A logical id from a name and a version: <c>icd-10-cm</c> + <c>2026</c> → <c>icd-10-cm-2026</c>.</summary>
    public static string Id(string name, string version) => $"{name}-{version}";
}
