using System.IO.Compression;
using System.Text.RegularExpressions;

namespace TerminologyServer.Import.Snomed;

/// <summary>The kinds of RF2 snapshot file the importer reads (or knowingly skips).</summary>
public enum Rf2Kind
{
    Concept,
    Description,
    TextDefinition,
    Relationship,
    ConcreteValues,
    LanguageRefset,

    /// <summary>Any other refset (simple, association, MRCM, module dependency, maps...): its columns are named by its header.</summary>
    Refset,

    /// <summary>Recognised but not needed: stated relationships, OWL expressions, identifiers.</summary>
    Skipped,
}

/// <summary>One RF2 file of a release: its path inside the release, its kind, its size and how to read it.</summary>
public sealed record Rf2File(string Path, Rf2Kind Kind, long Length, Func<Stream> Open)
{
    /// <summary>For a refset file: the field pattern of its name (<c>c</c>, <c>cissccRefset</c> → <c>ciss cc</c>...), else "".</summary>
    public string Pattern { get; init; } = "";

    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// Finds the RF2 snapshot files of a release (a folder or a zip, as SNOMED International and the national centres
/// ship them): every <c>.txt</c> under a <c>Terminology</c> or <c>Refset</c> folder, recognised by the RF2 file name
/// pattern (https://confluence.ihtsdotools.org/display/DOCRELFMT/3.3.2+Release+File+Naming+Convention). Full and Delta
/// files are left out; a file there that is not RF2 is an error, so a wrong upload is not half read.
/// </summary>
public static partial class Rf2Files
{
    [GeneratedRegex(@"^(sct2|der2)_([a-zA-Z0-9]*?)(Refset)?_([A-Za-z0-9]*?)(Snapshot|Full|Delta)(-[A-Za-z-]+)?_([A-Za-z0-9-]+)_(\d{8})\.txt$")]
    private static partial Regex Rf2Name();

    /// <summary>The files of the release at <paramref name="path"/> (folder or zip). Throws <see cref="ImportException"/> for a bad one.</summary>
    public static IReadOnlyList<Rf2File> Find(string path)
    {
        if (Directory.Exists(path))
        {
            return Classify(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Select(f => (System.IO.Path.GetRelativePath(path, f).Replace('\\', '/'), new FileInfo(f).Length, (Func<Stream>)(() => File.OpenRead(f)))));
        }

        if (!File.Exists(path))
        {
            throw new ImportException($"{path}: no such file or folder.");
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw new ImportException("not a zip file or folder of an RF2 release.", path);
        }

        // The archive stays open for the reader; entries are opened one at a time.
        return Classify(zip.Entries.Where(e => e.FullName.Length > 0 && !e.FullName.EndsWith('/'))
            .Select(e => (e.FullName, e.Length, (Func<Stream>)(() => e.Open()))));
    }

    private static List<Rf2File> Classify(IEnumerable<(string Path, long Length, Func<Stream> Open)> entries)
    {
        var files = new List<Rf2File>();
        foreach (var (path, length, open) in entries)
        {
            var segments = path.Split('/');
            var folders = segments[..^1];
            var name = segments[^1];
            if (name.StartsWith('.') || folders.Any(f => f.StartsWith("__MACOSX", StringComparison.Ordinal)))
            {
                continue;
            }

            if (folders.Any(f => f.Equals("Full", StringComparison.OrdinalIgnoreCase) || f.Equals("Delta", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!folders.Any(f => f.Equals("Terminology", StringComparison.OrdinalIgnoreCase) || f.Equals("Refset", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (Kind(name) is not { } kind)
            {
                throw new ImportException("not an RF2 file (expected a name such as sct2_Concept_Snapshot_INT_20250731.txt or der2_cRefset_LanguageSnapshot-en_INT_20250731.txt).", path);
            }

            if (kind.Kind is null)
            {
                continue;
            }

            files.Add(new Rf2File(path, kind.Kind.Value, length, open) { Pattern = kind.Pattern });
        }

        if (!files.Any(f => f.Kind == Rf2Kind.Concept))
        {
            throw new ImportException("no RF2 concept snapshot file (Terminology/sct2_Concept_Snapshot_*.txt) in the release.");
        }

        return files;
    }

    /// <summary>The kind of a file by its name; Kind null for a Full or Delta file (recognised, not read); null for a name that is not RF2.</summary>
    public static (Rf2Kind? Kind, string Pattern)? Kind(string name)
    {
        var m = Rf2Name().Match(name);
        if (!m.Success)
        {
            return null;
        }

        if (m.Groups[5].Value != "Snapshot")
        {
            return (null, "");
        }

        var content = m.Groups[4].Value;
        if (m.Groups[1].Value == "der2" || m.Groups[3].Success)
        {
            var pattern = m.Groups[2].Value;
            if (pattern.Any(c => c is not ('c' or 'i' or 's' or '1')))
            {
                return null;
            }

            if (m.Groups[1].Value == "sct2")
            {
                return (Rf2Kind.Skipped, pattern);
            }

            return (content == "Language" && pattern == "c" ? Rf2Kind.LanguageRefset : Rf2Kind.Refset, pattern);
        }

        return m.Groups[2].Value switch
        {
            "Concept" => (Rf2Kind.Concept, ""),
            "Description" => (Rf2Kind.Description, ""),
            "TextDefinition" => (Rf2Kind.TextDefinition, ""),
            "Relationship" => (Rf2Kind.Relationship, ""),
            "RelationshipConcreteValues" => (Rf2Kind.ConcreteValues, ""),
            "StatedRelationship" or "Identifier" => (Rf2Kind.Skipped, ""),
            _ => null,
        };
    }
}
