using Hl7.Fhir.Model;

namespace TerminologyServer.Import;

/// <summary>An option of an import kind, the same on the command line (<c>--tabular x.xml</c>) and over HTTP (<c>tabular=x.xml</c>).</summary>
/// <param name="Name">The option's name.</param>
/// <param name="Value">What its value looks like, for the usage line.</param>
/// <param name="IsFile">The value names a file: on the command line a path, over HTTP a file in the uploaded zip.</param>
public sealed record ImportOption(string Name, string Value, bool IsFile = false);

/// <summary>What to import: the input files or folders, the version, the kind's options.</summary>
public sealed class ImportRequest(IReadOnlyList<string> files, string? version, IReadOnlyDictionary<string, string>? options = null)
{
    public IReadOnlyList<string> Files { get; } = files;

    public string? Version { get; } = version;

    /// <summary>
    /// False when the files do not carry their source names (an HTTP upload): a version cannot be told from them,
    /// so a kind that takes one needs it given.
    /// </summary>
    public bool FilesHaveNames { get; init; } = true;

    public string? Option(string name) => options is not null && options.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// One kind of import (<c>icd10cm</c>, <c>cpt</c>, <c>fhir</c>…): its name, its options and how to open its input.
/// The command line (<c>import &lt;kind&gt;</c>) and <c>CodeSystem/$import?kind=</c> both read <see cref="ImportKinds.All"/>,
/// so a new importer is one entry there.
/// </summary>
public abstract class ImportKind(string name, string input, string summary)
{
    /// <summary>The kind's name, the verb's second word and the value of <c>kind</c> over HTTP.</summary>
    public string Name { get; } = name;

    /// <summary>The input in the usage line, e.g. <c>&lt;order-file&gt;</c>.</summary>
    public string Input { get; } = input;

    public string Summary { get; } = summary;

    /// <summary>An example version (<c>2026</c>); null when the kind takes no version.</summary>
    public virtual string? VersionExample => null;

    /// <summary>The release names its own version (the LOINC table, RxNorm's RXNSAB): a version need not be given.</summary>
    public virtual bool VersionInInput => false;

    /// <summary>The input is one folder of release files (over HTTP: a zip of them, unpacked into one folder).</summary>
    public virtual bool InputIsFolder => false;

    /// <summary>How many input files or folders the kind takes.</summary>
    public virtual int MaxFiles => 1;

    public virtual IReadOnlyList<ImportOption> Options => [];

    /// <summary>The command line's usage of the kind.</summary>
    public string Usage =>
        $"import {Name} {Input}{(VersionExample is { } v ? $" [--version {v}]" : "")}{string.Concat(Options.Select(o => $" [--{o.Name} {o.Value}]"))}";

    /// <summary>
    /// Opens and checks the input (file kind, version, options) before anything is written; bad input throws an
    /// <see cref="ImportException"/>. The import runs when <see cref="IImport.RunAsync"/> is called.
    /// </summary>
    public abstract IImport Open(ImportRequest request);
}

/// <summary>An opened input, ready to be stored in one transaction.</summary>
public interface IImport
{
    /// <summary>Stores the input with the services of one scope (a DbContext); all of it lands or none.</summary>
    Task<ImportResult> RunAsync(IServiceProvider services, ImportProgress progress, CancellationToken ct);
}

/// <summary>What an import did, as the command line prints it and as <c>$import</c> answers it.</summary>
public abstract class ImportResult
{
    public abstract string Describe(TimeSpan elapsed);

    public abstract Parameters ToParameters(TimeSpan elapsed);
}

/// <summary>What a progress report counts.</summary>
public enum ProgressUnit
{
    /// <summary>Bytes of the input files as stored: the compressed size of a <c>.gz</c> or <c>.zip</c>, not the text in it.</summary>
    InputBytes,

    /// <summary>FHIR resources written, out of all in the input.</summary>
    Resources,
}

/// <summary>One progress report: how much is done, of how much (when known), counted in <paramref name="Unit"/>.</summary>
public readonly record struct ProgressReport(long Done, long? Total, ProgressUnit Unit);

/// <summary>
/// How far an import has come: the reader's position (lines, bytes) and what has been written, with an optional
/// listener for a progress bar. Written by the import, read by progress reporters.
/// </summary>
public sealed class ImportProgress(IProgress<ProgressReport>? listener = null)
{
    private long _written;

    public ImportPosition Position { get; } = new();

    /// <summary>Concepts or resources written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>A batch of concepts is written: reports the bytes read out of the input's size.</summary>
    public void Concepts(long written)
    {
        Interlocked.Exchange(ref _written, written);
        ReportRead();
    }

    /// <summary>Reports the bytes read so far, for an import that writes only at its end.</summary>
    public void ReportRead() => listener?.Report(new(Position.Bytes, Position.TotalBytes, ProgressUnit.InputBytes));

    /// <summary>A resource is written: reports resources done out of all.</summary>
    public void Resources(long done, long total)
    {
        Interlocked.Exchange(ref _written, done);
        listener?.Report(new(done, total, ProgressUnit.Resources));
    }
}
