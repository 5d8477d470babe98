using Hl7.Fhir.Model;
using P = TerminologyServer.Engine.ValueSets.TerminologyParameterNames;

namespace TerminologyServer.Engine.Validate;

/// <summary>
/// Output of <c>$validate-code</c>. A code that is not valid is a normal answer (<see cref="Result"/> false
/// with <see cref="Message"/> and <see cref="Issues"/>), never an exception.
/// See https://hl7.org/fhir/R4/valueset-operation-validate-code.html.
/// </summary>
public sealed record ValidateCodeResult
{
    public required bool Result { get; init; }
    public string? Code { get; init; }
    public string? System { get; init; }
    public string? Version { get; init; }

    /// <summary>The preferred display of the code (in the requested language when there is one).</summary>
    public string? Display { get; init; }

    /// <summary>The texts of the error issues (of the warnings when there is no error), joined by "; ".</summary>
    public string? Message { get; init; }

    /// <summary>One issue per problem, typed with tx-issue-type codes and located by FHIRPath expression.</summary>
    public OperationOutcome? Issues { get; init; }

    public bool? Inactive { get; init; }

    /// <summary>The code as the code system spells it, when the request spelled it differently (case-insensitive systems).</summary>
    public string? NormalizedCode { get; init; }

    /// <summary>The concept's status when it is not plainly active (e.g. <c>retired</c>, <c>inactive</c>).</summary>
    public string? Status { get; init; }

    /// <summary>The CodeableConcept validated, echoed back.</summary>
    public CodeableConcept? CodeableConcept { get; init; }

    /// <summary>Code systems the request named that the server does not hold (<c>x-unknown-system</c>).</summary>
    public IReadOnlyList<string> UnknownSystems { get; init; } = [];

    /// <summary>Code systems, used by the value set, that the server does not hold (<c>x-caused-by-unknown-system</c>).</summary>
    public IReadOnlyList<string> CausedByUnknownSystems { get; init; } = [];

    /// <summary>The result as the Parameters resource of the operation, parameters in name order.</summary>
    public Parameters ToParameters()
    {
        var p = new Parameters();
        if (CodeableConcept is not null)
        {
            p.Add(P.CodeableConcept, CodeableConcept);
        }

        if (Code is not null)
        {
            p.Add(P.Code, new Code(Code));
        }

        if (Display is not null)
        {
            p.Add(P.Display, new FhirString(Display));
        }

        if (Inactive is not null)
        {
            p.Add(P.Inactive, new FhirBoolean(Inactive));
        }

        if (Issues is { Issue.Count: > 0 })
        {
            p.Parameter.Add(new Parameters.ParameterComponent { Name = P.Issues, Resource = Issues });
        }

        if (Message is not null)
        {
            p.Add(P.Message, new FhirString(Message));
        }

        p.Add(P.Result, new FhirBoolean(Result));
        if (NormalizedCode is not null)
        {
            p.Add("normalized-code", new Code(NormalizedCode));
        }

        if (Status is not null)
        {
            p.Add(P.Status, new Code(Status));
        }

        if (System is not null)
        {
            p.Add(P.System, new FhirUri(System));
        }

        if (Version is not null)
        {
            p.Add(P.Version, new FhirString(Version));
        }

        foreach (var s in CausedByUnknownSystems)
        {
            p.Add("x-caused-by-unknown-system", new Hl7.Fhir.Model.Canonical(s));
        }

        foreach (var s in UnknownSystems)
        {
            p.Add("x-unknown-system", new Hl7.Fhir.Model.Canonical(s));
        }

        return p;
    }
}
