using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;

namespace TerminologyServer.Api.Operations;

/// <summary>Reads the operation input of a request: the query string for GET, a Parameters body for POST.</summary>
public sealed class OperationInputReader(FhirBody body)
{
    public async Task<OperationInput> ReadAsync(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return OperationInput.FromQuery(request.Query);
        }

        var resource = await body.ReadAsync(request, lenient: true);
        return resource is Parameters parameters
            ? OperationInput.FromParameters(parameters)
            : throw FhirHttpException.BadRequest($"An operation called by POST takes a Parameters resource, not a {resource.TypeName}.");
    }
}
