using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Subsumes;

/// <summary>The answer of <c>$subsumes</c> (https://hl7.org/fhir/R4/codesystem-concept-subsumption-outcome.html).</summary>
public enum SubsumptionOutcome
{
    Equivalent,
    Subsumes,
    SubsumedBy,
    NotSubsumed,
}

/// <summary>Input of <c>CodeSystem/$subsumes</c>: two codes of one code system, as codes or as codings.</summary>
public sealed record SubsumesRequest
{
    /// <summary>The code system (the instance the operation was called on, or the <c>system</c> parameter).</summary>
    public string? System { get; init; }

    public string? Version { get; init; }
    public string? CodeA { get; init; }
    public string? CodeB { get; init; }
    public Coding? CodingA { get; init; }
    public Coding? CodingB { get; init; }
}

/// <summary>
/// <c>CodeSystem/$subsumes</c>: how code A relates to code B in the code system's hierarchy.
/// See https://hl7.org/fhir/R4/codesystem-operation-subsumes.html.
/// </summary>
public sealed class SubsumptionService
{
    /// <summary>
    /// <c>equivalent</c> for the same concept, <c>subsumes</c> when A is an ancestor of B, <c>subsumed-by</c>
    /// when B is an ancestor of A, otherwise <c>not-subsumed</c> (always so in a code system without a
    /// hierarchy). Throws a <see cref="TerminologyException"/> for a missing input, codings of different
    /// systems, or an unknown code system or code.
    /// </summary>
    public SubsumptionOutcome Subsumes(SubsumesRequest request, ICodeSystemProvider codeSystems)
    {
        var (codeA, systemA, versionA) = Read(request.CodingA, request.CodeA, "A");
        var (codeB, systemB, versionB) = Read(request.CodingB, request.CodeB, "B");
        var system = request.System ?? systemA ?? systemB
            ?? throw TerminologyException.Invalid("SUBSUMES_NO_SYSTEM", "No code system was given: use the system parameter or codings with a system.");
        foreach (var other in new[] { systemA, systemB })
        {
            if (other is not null && other != system)
            {
                throw TerminologyException.Invalid(
                    "SUBSUMES_SYSTEM_MISMATCH",
                    $"Both codes must be from the code system '{system}', but one is from '{other}'; subsumption across code systems is not supported.");
            }
        }

        var version = request.Version ?? versionA ?? versionB;
        var cs = codeSystems.Find(system, version) ?? throw new TerminologyException(
            OperationOutcome.IssueType.NotFound,
            "UNKNOWN_CODESYSTEM",
            version is null
                ? $"A definition for CodeSystem '{system}' could not be found, so the subsumption cannot be tested"
                : $"A definition for CodeSystem '{system}' version '{version}' could not be found, so the subsumption cannot be tested")
        {
            TxIssueType = "not-found",
        };

        var a = Concept(cs, codeA);
        var b = Concept(cs, codeB);
        // Composed concepts (CPT expressions) share index -1, so the code tells them apart.
        if (a.Index == b.Index && a.Code == b.Code)
        {
            return SubsumptionOutcome.Equivalent;
        }

        if (cs.Subsumes(a, b))
        {
            return SubsumptionOutcome.Subsumes;
        }

        return cs.Subsumes(b, a) ? SubsumptionOutcome.SubsumedBy : SubsumptionOutcome.NotSubsumed;
    }

    /// <summary>The outcome as the Parameters resource of the operation.</summary>
    public static Parameters ToParameters(SubsumptionOutcome outcome)
    {
        var p = new Parameters();
        p.Add(TerminologyParameterNames.Outcome, new Code(ToLiteral(outcome)));
        return p;
    }

    /// <summary>The FHIR code of the outcome.</summary>
    public static string ToLiteral(SubsumptionOutcome outcome) => outcome switch
    {
        SubsumptionOutcome.Equivalent => "equivalent",
        SubsumptionOutcome.Subsumes => "subsumes",
        SubsumptionOutcome.SubsumedBy => "subsumed-by",
        _ => "not-subsumed",
    };

    private static (string Code, string? System, string? Version) Read(Coding? coding, string? code, string which)
    {
        if (coding is not null)
        {
            return string.IsNullOrEmpty(coding.Code)
                ? throw TerminologyException.Invalid("SUBSUMES_NO_CODE", $"coding{which} has no code.")
                : (coding.Code, coding.System, coding.Version);
        }

        return string.IsNullOrEmpty(code)
            ? throw TerminologyException.Invalid("SUBSUMES_NO_CODE", $"No code {which} was given: use code{which} or coding{which}.")
            : (code, null, null);
    }

    private static Concept Concept(CodeSystemIndex cs, string code) =>
        cs.Find(code) ?? throw new TerminologyException(
            OperationOutcome.IssueType.NotFound,
            "UNKNOWN_CODE",
            $"Unknown code '{code}' in the CodeSystem '{cs.Url}' version '{cs.Version ?? "(none)"}'")
        {
            TxIssueType = "invalid-code",
        };
}
