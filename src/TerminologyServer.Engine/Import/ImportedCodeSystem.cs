using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import;

/// <summary>
/// A code system read from source files: the resource header (id, url, version, property declarations; no
/// concepts), a hash of the source that identifies the import, and the concepts as a stream that re-reads the
/// files each time it is enumerated. Readers check the whole input as they go (bad line, duplicate code), so an
/// enumeration either ends normally or throws an <see cref="ImportException"/>.
/// </summary>
public sealed class ImportedCodeSystem
{
    private readonly Func<ImportPosition, IEnumerable<ImportedConcept>> _read;

    public ImportedCodeSystem(CodeSystem header, string sourceHash, IReadOnlyList<string> files, Func<ImportPosition, IEnumerable<ImportedConcept>> read)
    {
        Header = header;
        SourceHash = sourceHash;
        Files = files;
        _read = read;
    }

    /// <summary>The CodeSystem resource without concepts; <c>Id</c> is the logical id to store it under.</summary>
    public CodeSystem Header { get; }

    /// <summary>SHA-256 of the source files and the import options.</summary>
    public string SourceHash { get; }

    public IReadOnlyList<string> Files { get; }

    /// <summary>Reads the concepts afresh; <paramref name="position"/> (optional) follows the reading.</summary>
    public IEnumerable<ImportedConcept> ReadConcepts(ImportPosition? position = null)
    {
        var p = position ?? new ImportPosition();
        p.TotalBytes = Files.Sum(f => new FileInfo(f).Length);
        return _read(p);
    }

    /// <summary>Builds the engine's in-memory index straight from the files (for tests and tools; no database).</summary>
    public CodeSystemIndex ToIndex(long revision = 0)
    {
        var builder = new CodeSystemIndexBuilder(FhirCodeSystemReader.ReadInfo(Header));
        foreach (var p in Header.Property)
        {
            builder.DeclareProperty(FhirCodeSystemReader.ReadProperty(p));
        }

        foreach (var c in ReadConcepts())
        {
            var i = builder.AddConcept(c.Code, c.Display, c.Definition);
            for (var k = 0; k < c.Parents.Count; k++)
            {
                builder.AddParent(i, c.Parents[k], nested: k == 0);
            }

            foreach (var p in c.Properties)
            {
                builder.AddProperty(i, p);
            }

            foreach (var d in c.Designations)
            {
                builder.AddDesignation(i, d);
            }
        }

        return builder.Build(revision);
    }
}
