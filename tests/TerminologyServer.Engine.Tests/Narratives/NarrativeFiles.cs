using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Narratives;

namespace TerminologyServer.Engine.Tests.Narratives;

/// <summary>The shipped CPT fragment and narrative documents (copied beside the test binary).</summary>
internal static class NarrativeFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "fhir-resources", "narratives");

    public static string SeedPath => Path.Combine(Folder, "cpt-72275.txt");

    public static string Seed => File.ReadAllText(SeedPath);

    public static IEnumerable<string> All => Directory.EnumerateFiles(Folder).Order(StringComparer.Ordinal);

    private static readonly Lazy<CodeSystem> CptResource = new(() =>
        JsonSerializer.Deserialize<CodeSystem>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-resources", "CodeSystem-cpt.json")),
            new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!);

    private static readonly Lazy<CodeSystemIndex> CptIndex = new(() => FhirCodeSystemReader.ToIndex(CptResource.Value));

    public static CodeSystem CptCodeSystem => CptResource.Value;

    public static CodeSystemIndex Cpt => CptIndex.Value;

    public static NarrativeDocument Parse(string text, string source = "test.txt") => NarrativeParser.Parse(text, source);
}
