using System.IO.Compression;

namespace TerminologyServer.Import;

/// <summary>Releases that come as a folder of files (LOINC, RxNorm, NDC): a zip of one is unpacked first.</summary>
public static class SourceFolders
{
    /// <summary>
    /// <paramref name="path"/> itself when it is a folder; for a zip, a temporary folder it was unpacked into
    /// (entry paths kept, checked to stay inside it), removed when the process ends.
    /// </summary>
    public static string Unpacked(string path)
    {
        if (Directory.Exists(path))
        {
            return path;
        }

        if (!File.Exists(path))
        {
            throw new ImportException($"{path}: no such file or folder.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "terminology-import", Guid.NewGuid().ToString("N"));
        try
        {
            ZipFile.ExtractToDirectory(path, folder);
        }
        catch (InvalidDataException)
        {
            throw new ImportException("not a folder or a zip of the release files.", path);
        }
        catch (IOException e)
        {
            throw new ImportException($"the zip cannot be unpacked ({e.Message}).", path);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return folder;
    }
}
