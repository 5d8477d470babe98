using Hl7.Fhir.Model;
using TerminologyServer.Engine;

namespace TerminologyServer.Import;

/// <summary>
/// The input cannot be imported: wrong kind of file, truncated, a bad line, a duplicate code, a bad version.
/// <see cref="File"/> and <see cref="Line"/> say where, when known. Nothing has been stored when it is thrown
/// by an import (the transaction rolls back). A terminology error like the others (issue type <c>invalid</c>), so the
/// HTTP layer answers it with a 400 OperationOutcome in the one place that maps errors.
/// </summary>
public sealed class ImportException(string message, string? file = null, long line = 0)
    : TerminologyException(OperationOutcome.IssueType.Invalid, "IMPORT_INVALID", Format(message, file, line))
{
    public string? File { get; } = file;

    /// <summary>1-based line number, 0 when the problem is not on one line.</summary>
    public long Line { get; } = line;

    public string Reason { get; } = message;

    private static string Format(string message, string? file, long line) =>
        (file, line) switch
        {
            (null, 0) => message,
            (null, _) => $"line {line}: {message}",
            (_, 0) => $"{Path.GetFileName(file)}: {message}",
            _ => $"{Path.GetFileName(file)} line {line}: {message}",
        };
}
