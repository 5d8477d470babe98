using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// An expression constraint that does not follow the ECL grammar: says where it breaks (1-based character
/// <see cref="Position"/>) and what the grammar expects there. Issue type invalid (HTTP 400), message id
/// <c>INVALID_ECL</c>, tx-issue-type <c>vs-invalid</c>.
/// </summary>
public sealed class EclSyntaxException : TerminologyException
{
    public EclSyntaxException(string expression, int position, string expected, string found)
        : base(OperationOutcome.IssueType.Invalid, MessageIdInvalid,
            $"Invalid ECL expression '{expression}': at character {position}, expected {expected} but found {found}")
    {
        Ecl = expression;
        Position = position;
        Expected = expected;
        Found = found;
        TxIssueType = "vs-invalid";
    }

    /// <summary>The message id of every ECL syntax error (as other terminology servers report it).</summary>
    public const string MessageIdInvalid = "INVALID_ECL";

    /// <summary>The expression as given.</summary>
    public string Ecl { get; }

    /// <summary>1-based character position where the expression breaks.</summary>
    public int Position { get; }

    /// <summary>What the grammar allows at <see cref="Position"/>.</summary>
    public string Expected { get; }

    /// <summary>What was there instead (quoted text, or "the end of the expression").</summary>
    public string Found { get; }
}

/// <summary>
/// An expression that parses but cannot be evaluated as written (a filter where it does not apply, an unknown
/// dialect): issue type invalid (HTTP 400), message id <c>INVALID_ECL</c>.
/// </summary>
public sealed class EclSemanticException : TerminologyException
{
    public EclSemanticException(string message)
        : base(OperationOutcome.IssueType.Invalid, EclSyntaxException.MessageIdInvalid, message)
    {
        TxIssueType = "vs-invalid";
    }
}
