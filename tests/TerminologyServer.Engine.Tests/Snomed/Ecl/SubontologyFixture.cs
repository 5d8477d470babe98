namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>
/// HL7's SNOMED CT test subontology (<c>shared/data/tx-source/snomed</c>, licensed: read at test time, never copied)
/// loaded once with <see cref="Rf2TestLoader"/>, and the folder of the IG's <c>sct-ecl</c> conformance cases.
/// </summary>
public sealed class SubontologyFixture
{
    private readonly Lazy<InMemorySnomed?> _data = new(() => Folder is { } f ? Rf2TestLoader.Load(f) : null);

    public static string? Folder { get; } = FindUp(Path.Combine("shared", "data", "tx-source", "snomed", "Terminology")) is { } t
        ? Path.GetDirectoryName(t)
        : null;

    public static string? CasesFolder { get; } = FindUp(Path.Combine("shared", "conformance", "tx", "cases", "sct", "ecl"));

    internal InMemorySnomed Data => _data.Value ?? throw new InvalidOperationException("No subontology");

    public static string? Unavailable => Folder is null || CasesFolder is null
        ? "shared/data/tx-source/snomed or shared/conformance/tx/cases/sct/ecl is not above this checkout"
        : null;

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
