using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Import.Snomed;

/// <summary>
/// An RF2 release to import: its snapshot files and the edition version it is, either given (<c>--edition</c>, a
/// version URI, or an edition URI without version whose date is then the latest effective time) or worked out from
/// the module dependency refset (the one module no other depends on) and the latest effective time.
/// </summary>
public sealed class SnomedRelease
{
    private readonly SnomedVersion? _given;

    private SnomedRelease(string path, IReadOnlyList<Rf2File> files, SnomedVersion? given)
    {
        Path = path;
        Files = files;
        _given = given;
    }

    public string Path { get; }

    public IReadOnlyList<Rf2File> Files { get; }

    /// <summary>Finds the files of <paramref name="path"/> (folder or zip) and checks <paramref name="edition"/>; throws <see cref="ImportException"/>.</summary>
    public static SnomedRelease Open(string path, string? edition)
    {
        SnomedVersion? given = null;
        if (edition is not null)
        {
            if (!SnomedVersion.TryParse(edition, out var v, out var error))
            {
                throw new ImportException($"--edition: {error}.");
            }

            given = v;
        }

        return new SnomedRelease(path, Rf2Files.Find(path), given);
    }

    /// <summary>Reads and checks every file and builds the edition (nothing is stored). Throws <see cref="ImportException"/>.</summary>
    public SnomedEdition Read(ImportPosition? position = null, CancellationToken ct = default)
    {
        var result = Rf2Reader.Read(Files, position, ct);
        var version = Version(result);
        try
        {
            return result.Builder.Build(version);
        }
        catch (ArgumentException e)
        {
            throw new ImportException(e.Message);
        }
    }

    private SnomedVersion Version(Rf2Reader.Result result)
    {
        if (_given is { EffectiveTime: not null } full)
        {
            return full;
        }

        if (result.LatestEffectiveTime == 0)
        {
            throw new ImportException("the release has no rows, so its version cannot be told.");
        }

        if (_given is { } editionOnly)
        {
            return editionOnly with { EffectiveTime = result.LatestEffectiveTime };
        }

        var targets = result.ModuleDependencies.Where(d => d.Module != d.DependsOn).Select(d => d.DependsOn).ToHashSet();
        var tops = result.ModuleDependencies.Select(d => d.Module).Distinct().Where(m => !targets.Contains(m)).ToList();
        if (tops.Count == 1)
        {
            return new SnomedVersion(tops[0], result.LatestEffectiveTime, false);
        }

        if (tops.Count == 0 && result.ConceptsByModule.ContainsKey(SnomedVersion.InternationalModule))
        {
            return new SnomedVersion(SnomedVersion.InternationalModule, result.LatestEffectiveTime, false);
        }

        throw new ImportException(
            $"cannot tell which edition this release is (modules without dependants: {(tops.Count == 0 ? "none" : string.Join(", ", tops))}); " +
            "name it with --edition (e.g. http://snomed.info/sct/900000000000207008/version/20250731).");
    }
}
