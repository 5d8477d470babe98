using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Search;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Api.Endpoints;

/// <summary><c>ValueSet/$expand</c>, <c>$validate-code</c> (ValueSet and CodeSystem) and <c>$batch-validate-code</c>, GET and POST, type and instance level.</summary>
public static class ValueSetEndpoints
{
    private static readonly string[] GetPost = ["GET", "POST"];

    public static RouteGroupBuilder MapValueSetApi(this RouteGroupBuilder fhir)
    {
        fhir.MapMethods("/ValueSet/$expand", GetPost, (HttpContext c, [AsParameters] Services s) => ExpandAsync(c, s, null));
        fhir.MapMethods("/ValueSet/{id}/$expand", GetPost, (string id, HttpContext c, [AsParameters] Services s) => ExpandAsync(c, s, ValueSetById(s, id)));
        fhir.MapMethods("/ValueSet/$validate-code", GetPost, (HttpContext c, [AsParameters] Services s) => ValidateAsync(c, s, null, onCodeSystem: false, null));
        fhir.MapMethods("/ValueSet/{id}/$validate-code", GetPost, (string id, HttpContext c, [AsParameters] Services s) => ValidateAsync(c, s, ValueSetById(s, id), onCodeSystem: false, null));
        fhir.MapMethods("/CodeSystem/$validate-code", GetPost, (HttpContext c, [AsParameters] Services s) => ValidateAsync(c, s, null, onCodeSystem: true, null));
        fhir.MapMethods("/CodeSystem/{id}/$validate-code", GetPost, (string id, HttpContext c, [AsParameters] Services s) => ValidateAsync(c, s, null, onCodeSystem: true, CodeSystemById(s, id)));
        fhir.MapPost("/ValueSet/$batch-validate-code", (HttpContext c, FhirBody body, [AsParameters] Services s) => BatchValidateAsync(c, body, s));
        return fhir;
    }

    /// <summary>What the operations need, injected as one parameter.</summary>
    public sealed record Services(
        OperationInputReader Reader,
        CodeSystemRegistry CodeSystems,
        ValueSetRegistry ValueSets,
        ValueSetExpander Expander,
        ValueSetValidator Validator,
        CodeSearch Search,
        TimeProvider Clock);

    private static async Task<IResult> ExpandAsync(HttpContext context, Services s, ValueSet? instance)
    {
        var input = await s.Reader.ReadAsync(context.Request);
        var scope = TerminologyScope.For(input, s.CodeSystems, s.ValueSets);
        var request = ValueSetParameters.BindExpand(input, context.Request, instance);
        if (request.ValueSet is null && request.Url == AllCodesValueSet.Url)
        {
            return new ExpandHttpResult(AllCodesValueSet.Expand(s.Search, request, s.Clock, context.RequestAborted));
        }

        return new ExpandHttpResult(s.Expander.Expand(request, scope.ValueSets, scope.CodeSystems, context.RequestAborted));
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, Services s, ValueSet? instance, bool onCodeSystem, CodeSystemIndex? codeSystem)
    {
        var input = await s.Reader.ReadAsync(context.Request);
        var inlineCodeSystem = onCodeSystem ? input.Resource("codeSystem") : null;
        if (inlineCodeSystem is not null and not CodeSystem)
        {
            throw FhirHttpException.BadRequest($"The parameter 'codeSystem' must carry a CodeSystem, not a {inlineCodeSystem.TypeName}.");
        }

        var scope = TerminologyScope.For(input, s.CodeSystems, s.ValueSets, inlineCodeSystem is null ? null : [inlineCodeSystem]);
        var request = ValueSetParameters.BindValidateCode(input, context.Request, instance, onCodeSystem,
            codeSystem?.Url ?? (inlineCodeSystem as CodeSystem)?.Url, codeSystem?.Version ?? (inlineCodeSystem as CodeSystem)?.Version);
        var result = onCodeSystem
            ? s.Validator.ValidateCodeInCodeSystem(request, scope.CodeSystems, context.RequestAborted)
            : s.Validator.ValidateCode(request, scope.ValueSets, scope.CodeSystems, context.RequestAborted);
        return new ValidateCodeHttpResult(result);
    }

    /// <summary>
    /// Several validations in one call: the shared parameters (url, tx-resource…) apply to every <c>validation</c>
    /// Parameters; each answer is its own <c>validation</c>, an error becoming an OperationOutcome in place.
    /// </summary>
    private static async Task<IResult> BatchValidateAsync(HttpContext context, FhirBody body, Services s)
    {
        if (await body.ReadAsync(context.Request, lenient: true) is not Parameters batch)
        {
            throw FhirHttpException.BadRequest("$batch-validate-code takes a Parameters resource.");
        }

        var shared = batch.Parameter.Where(p => p.Name != "validation").ToList();
        var sharedInput = OperationInput.FromParameters(new Parameters { Parameter = shared });
        var scope = TerminologyScope.For(sharedInput, s.CodeSystems, s.ValueSets);
        var output = new Parameters();
        foreach (var item in batch.Parameter.Where(p => p.Name == "validation"))
        {
            Resource answer;
            try
            {
                var own = item.Resource as Parameters ?? throw FhirHttpException.BadRequest("Each 'validation' must carry a Parameters resource.");
                // A validation's own parameter overrides the batch-wide one of the same name.
                var ownNames = own.Parameter.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var inherited = shared.Where(p => p.Name != TerminologyParameterNames.TxResource && !ownNames.Contains(p.Name));
                var input = OperationInput.FromParameters(new Parameters { Parameter = inherited.Concat(own.Parameter).ToList() });
                var request = ValueSetParameters.BindValidateCode(input, context.Request, null, onCodeSystem: false, null, null);
                answer = s.Validator.ValidateCode(request, scope.ValueSets, scope.CodeSystems, context.RequestAborted).ToParameters();
            }
            catch (Exception e) when (Outcomes.ForFailure(e) is { } failure)
            {
                // One entry's failure is that entry's answer; the batch goes on.
                answer = failure.Outcome;
            }

            output.Parameter.Add(new Parameters.ParameterComponent { Name = "validation", Resource = answer });
        }

        return FhirResults.Ok(output);
    }

    private static ValueSet ValueSetById(Services s, string id) =>
        s.ValueSets.Get(id) ?? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"ValueSet/{id} is not known.");

    private static CodeSystemIndex CodeSystemById(Services s, string id) =>
        s.CodeSystems.Get(id) ?? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"CodeSystem/{id} is not known.");
}
