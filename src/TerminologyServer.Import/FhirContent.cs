using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace TerminologyServer.Import;

/// <summary>
/// Reads FHIR resources from a FHIR NPM package (<c>.tgz</c>: the JSON files under <c>package/</c>, except
/// <c>package.json</c> and the <c>.index.json</c>), a Bundle or single resource (JSON or XML), or a folder of
/// JSON/XML files. Every resource is parsed strictly, as a PUT would be; a file that does not parse is an <see cref="ImportException"/>
/// naming it, so a caller can check the whole input before storing anything.
/// </summary>
public static class FhirContent
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private static readonly FhirXmlDeserializer Xml = new();

    /// <summary>The resources in <paramref name="path"/> (package, Bundle entries, single resource, folder).</summary>
    public static IEnumerable<(string Source, Resource Resource)> Read(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var r in Parse(Path.GetRelativePath(path, file), File.ReadAllBytes(file)))
                    {
                        yield return r;
                    }
                }
            }

            yield break;
        }

        if (!File.Exists(path))
        {
            throw new ImportException("no such file or folder.", path);
        }

        using var stream = File.OpenRead(path);
        if (!SourceFiles.IsGzip(stream))
        {
            foreach (var r in Parse(Path.GetFileName(path), File.ReadAllBytes(path)))
            {
                yield return r;
            }

            yield break;
        }

        foreach (var r in ReadPackage(path, stream))
        {
            yield return r;
        }
    }

    private static IEnumerable<(string, Resource)> ReadPackage(string path, Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var any = false;
        while (true)
        {
            TarEntry? entry;
            byte[] bytes;
            try
            {
                entry = tar.GetNextEntry();
                if (entry is null)
                {
                    break;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                using var buffer = new MemoryStream();
                entry.DataStream.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new ImportException($"not a readable FHIR package (.tgz): {e.Message}", path);
            }

            var name = entry.Name.Replace('\\', '/');
            any = true;
            var file = Path.GetFileName(name);
            if (!name.StartsWith("package/", StringComparison.Ordinal) || name.Count(c => c == '/') != 1
                || !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || file is "package.json" or ".index.json")
            {
                continue;
            }

            foreach (var r in Parse(name, bytes))
            {
                yield return r;
            }
        }

        if (!any)
        {
            throw new ImportException("the package is empty.", path);
        }
    }

    private static IEnumerable<(string, Resource)> Parse(string source, byte[] bytes)
    {
        Resource resource;
        try
        {
            var first = bytes.AsSpan().TrimStart("\xEF\xBB\xBF \t\r\n"u8);
            resource = first.Length > 0 && first[0] == (byte)'<'
                ? Xml.Deserialize<Resource>(System.Text.Encoding.UTF8.GetString(bytes))
                : JsonSerializer.Deserialize<Resource>(bytes, Json) ?? throw new ImportException("empty JSON.", source);
        }
        catch (Exception e) when (e is DeserializationFailedException or JsonException or FormatException)
        {
            throw new ImportException($"not a FHIR resource: {e.Message}", source);
        }

        if (resource is Bundle bundle)
        {
            foreach (var entry in bundle.Entry.Where(e => e.Resource is not null))
            {
                yield return (source, entry.Resource!);
            }
        }
        else
        {
            yield return (source, resource);
        }
    }
}
