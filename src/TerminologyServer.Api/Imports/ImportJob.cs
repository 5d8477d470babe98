using System.Globalization;
using Hl7.Fhir.Model;
using TerminologyServer.Import;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Imports;

/// <summary>One import started over HTTP: its progress while it runs, then its result or its error.</summary>
public sealed class ImportJob(string id, string kind)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public string Kind { get; } = kind;

    /// <summary>Lines and bytes read, concepts or resources written.</summary>
    public ImportProgress Progress { get; } = new();

    public Parameters? Result { get; private set; }

    public OperationOutcome? Error { get; private set; }

    public int ErrorStatus { get; private set; }

    public DateTimeOffset? Finished { get; private set; }

    public Task Completion => _done.Task;

    public bool IsRunning => Finished is null;

    /// <summary>E.g. <c>45% (43,210 lines read, 40,000 written)</c>.</summary>
    public string ProgressText()
    {
        var position = Progress.Position;
        var percent = position.TotalBytes > 0 ? (int)(100 * position.Bytes / position.TotalBytes) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{percent}% ({position.Lines:N0} lines read, {Progress.Written:N0} written)");
    }

    public void Succeed(Parameters result, DateTimeOffset at)
    {
        Result = result;
        Finished = at;
        _done.TrySetResult();
    }

    public void Fail(int status, OperationOutcome error, DateTimeOffset at)
    {
        ErrorStatus = status;
        Error = error;
        Finished = at;
        _done.TrySetResult();
    }
}
