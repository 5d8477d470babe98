using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Api.Operations;

/// <summary>
/// The <c>date</c> parameter of <c>$expand</c>, <c>$validate-code</c> and <c>$lookup</c> (a FHIR dateTime). This server
/// evaluates against the current content only, but a malformed date is a client error and must not pass silently.
/// </summary>
public static class DateParameter
{
    /// <summary>Throws a 400 when <c>date</c> is present and not a FHIR dateTime (<c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c> or with a time and zone).</summary>
    public static void Check(OperationInput input)
    {
        if (input.String(TerminologyParameterNames.Date) is { } value && !FhirDateTime.IsValidValue(value))
        {
            throw FhirHttpException.BadRequest($"The parameter 'date' must be a FHIR dateTime (such as 2024, 2024-05 or 2024-05-31T12:00:00Z), not '{value}'.");
        }
    }
}
