using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace TerminologyServer.Import;

/// <summary>
/// Reads FHIR resources from a FHIR NPM package (a <c>.tgz</c> or its unpacked folder: the JSON files directly in
/// <c>package/</c> that are resources, so not <c>package.json</c>, <c>.index.json</c> or other files), a Bundle or
/// single resource (JSON or XML), or a folder of JSON/XML files. The one FHIR reader of every import and start-up loader. Every resource is parsed strictly, as a PUT would be; a file that does not parse is an <see cref="ImportException"/>
/// naming it, so a caller can check the whole input before storing anything.
/// </summary>
public static class FhirContent
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private static readonly FhirXmlDeserializer Xml = new();
    private static readonly FhirXmlDeserializer LenientXml = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    /// <summary>
    /// The resources in <paramref name="path"/>: a package (<c>.tgz</c> or an unpacked package folder, that is one
    /// holding <c>package/package.json</c> or <c>package.json</c>), Bundle entries, a single resource, or a folder.
    /// </summary>
    public static IEnumerable<(string Source, Resource Resource)> Read(string path)
    {
        if (Directory.Exists(path))
        {
            return PackageFolder(path) is { } package ? ReadPackageFolder(package) : ReadFolder(path);
        }

        if (!File.Exists(path))
        {
            throw new ImportException("no such file or folder.", path);
        }

        return ReadFile(path);
    }

    private static IEnumerable<(string, Resource)> ReadFile(string path)
    {
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

    /// <summary>The JSON and XML files of a folder and its subfolders, in name order; each must be a resource or a Bundle.</summary>
    public static IReadOnlyList<string> ResourceFiles(string folder) => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static IEnumerable<(string, Resource)> ReadFolder(string folder)
    {
        foreach (var file in ResourceFiles(folder))
        {
            foreach (var r in Parse(Path.GetRelativePath(folder, file), File.ReadAllBytes(file)))
            {
                yield return r;
            }
        }
    }

    // An unpacked package: the folder that holds package.json (the package's "package/" folder), given itself or as its parent.
    private static string? PackageFolder(string folder) =>
        File.Exists(Path.Combine(folder, "package", "package.json")) ? Path.Combine(folder, "package")
        : File.Exists(Path.Combine(folder, "package.json")) ? folder
        : null;

    // As in a .tgz: the JSON files directly in the package folder are its resources; subfolders (example/, other/) are not read.
    private static IEnumerable<(string, Resource)> ReadPackageFolder(string package)
    {
        var any = false;
        foreach (var file in Directory.EnumerateFiles(package).Order(StringComparer.Ordinal))
        {
            any = true;
            if (IsPackageResourceName(Path.GetFileName(file)) && File.ReadAllBytes(file) is var bytes && IsResource(bytes))
            {
                foreach (var r in Parse("package/" + Path.GetFileName(file), bytes))
                {
                    yield return r;
                }
            }
        }

        if (!any)
        {
            throw new ImportException("the package is empty.", package);
        }
    }

    private static bool IsPackageResourceName(string file) =>
        file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && file is not ("package.json" or ".index.json");

    /// <summary>
    /// True when the JSON has a top-level <c>resourceType</c>. The FHIR package spec allows other files beside the
    /// resources; they are skipped, while a file that claims to be a resource and does not parse is still an error.
    /// </summary>
    private static bool IsResource(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(Content(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceType"u8))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
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
                || !IsPackageResourceName(file) || !IsResource(bytes))
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

    // The text without a byte order mark (the XML of specification.zip has one) and leading white space.
    private static ReadOnlySpan<byte> Content(byte[] bytes) =>
        bytes.AsSpan(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0).TrimStart(" \t\r\n"u8);

    /// <summary>
    /// The resource in <paramref name="bytes"/> (JSON or XML, told by the first character), or a Bundle's entries.
    /// Strict like a PUT; <paramref name="recoverable"/> reads XML leniently (the official R4 bundles need it).
    /// </summary>
    public static IEnumerable<(string Source, Resource Resource)> Parse(string source, byte[] bytes, bool recoverable = false)
    {
        Resource resource;
        try
        {
            var first = Content(bytes);
            resource = first.Length > 0 && first[0] == (byte)'<'
                ? (recoverable ? LenientXml : Xml).Deserialize<Resource>(System.Text.Encoding.UTF8.GetString(first))
                : JsonSerializer.Deserialize<Resource>(first, Json) ?? throw new ImportException("empty JSON.", source);
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
