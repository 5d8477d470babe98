using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Api.Operations;

/// <summary>Binds <c>$lookup</c> input to a <see cref="LookupRequest"/> and its result to an output Parameters.</summary>
public static class LookupParameters
{
    public static LookupRequest Bind(OperationInput input, string? instanceUrl, string? instanceVersion, string? acceptLanguage)
    {
        DateParameter.Check(input);
        var coding = input.Coding(TerminologyParameterNames.Coding);
        var code = input.String(TerminologyParameterNames.Code) ?? coding?.Code;
        var system = input.String(TerminologyParameterNames.System) ?? coding?.System ?? instanceUrl;
        var version = input.String(TerminologyParameterNames.Version) ?? coding?.Version ?? instanceVersion;
        if (code is null)
        {
            throw FhirHttpException.BadRequest("$lookup needs a 'code' (with 'system') or a 'coding' parameter.");
        }

        if (system is null)
        {
            throw FhirHttpException.BadRequest($"$lookup of code '{code}' needs a 'system' parameter naming the code system.");
        }

        if (coding is not null && input.Has(TerminologyParameterNames.Code) && coding.Code != code)
        {
            throw FhirHttpException.BadRequest("The 'code' and 'coding' parameters name different codes.");
        }

        return new LookupRequest
        {
            System = system,
            Code = code,
            Version = version,
            DisplayLanguage = input.String(TerminologyParameterNames.DisplayLanguage) ?? acceptLanguage,
            Properties = input.Strings(TerminologyParameterNames.Property),
            UseSupplements = input.Strings(TerminologyParameterNames.UseSupplement),
        };
    }

    public static Parameters ToParameters(LookupResult result)
    {
        var output = new Parameters();
        output.Add("name", new FhirString(result.Name));
        if (result.Code is not null)
        {
            output.Add("code", new Code(result.Code));
        }

        if (result.System is not null)
        {
            output.Add("system", new FhirUri(result.System));
        }
        if (result.Version is not null)
        {
            output.Add("version", new FhirString(result.Version));
        }

        if (result.Display is not null)
        {
            output.Add("display", new FhirString(result.Display));
        }

        if (result.Definition is not null)
        {
            output.Add("definition", new FhirString(result.Definition));
        }

        if (result.Abstract)
        {
            output.Add("abstract", new FhirBoolean(true));
        }

        foreach (var d in result.DisplayDesignation is { } first ? result.Designations.Prepend(first) : result.Designations)
        {
            var parts = new List<Parameters.ParameterComponent>();
            if (d.Language is not null)
            {
                parts.Add(Part("language", new Code(d.Language)));
            }

            if (d.Use is not null)
            {
                parts.Add(Part("use", new Coding(d.Use.System, d.Use.Code, d.Use.Display)));
            }

            parts.Add(Part("value", new FhirString(d.Value)));
            output.Parameter.Add(new Parameters.ParameterComponent { Name = "designation", Part = parts });
        }

        foreach (var p in result.Properties)
        {
            var parts = new List<Parameters.ParameterComponent>
            {
                Part("code", new Code(p.Code)),
            };
            if (p.CodeDisplay is not null)
            {
                parts.Add(Part("code-display", new FhirString(p.CodeDisplay)));
            }

            parts.Add(Part("value", PropertyValues.ToFhir(p.Value)));
            if (p.Description is not null)
            {
                parts.Add(Part("description", new FhirString(p.Description)));
            }

            output.Parameter.Add(new Parameters.ParameterComponent { Name = "property", Part = parts });
        }

        return output;
    }

    private static Parameters.ParameterComponent Part(string name, DataType value) => new() { Name = name, Value = value };
}
