using System.Globalization;
using Hl7.Fhir.Model;
using P = TerminologyServer.Engine.ValueSets.TerminologyParameterNames;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// Reads the typed requests of the value set operations from a FHIR <see cref="Parameters"/> resource: a POST
/// body as it is, or a GET query string turned into string-valued parameters (so both bind the same way).
/// Values may be typed (valueBoolean, valueInteger, valueCoding…) or strings. A malformed value is a
/// 400 <see cref="TerminologyException"/>; unknown parameters are ignored.
/// </summary>
public static class TerminologyRequestReader
{
    /// <summary>The inputs of <c>ValueSet/$expand</c> (https://hl7.org/fhir/R4/valueset-operation-expand.html).</summary>
    public static ExpansionRequest ReadExpansion(Parameters parameters) => new()
    {
        Url = String(parameters, P.Url),
        ValueSetVersion = String(parameters, P.ValueSetVersion),
        ValueSet = Resource<ValueSet>(parameters, P.ValueSet),
        Filter = String(parameters, P.Filter),
        Offset = Int(parameters, P.Offset),
        Count = Int(parameters, P.Count),
        ActiveOnly = Bool(parameters, P.ActiveOnly),
        IncludeDesignations = Bool(parameters, P.IncludeDesignations),
        Designations = Strings(parameters, P.Designation),
        DisplayLanguage = String(parameters, P.DisplayLanguage),
        IncludeDefinition = Bool(parameters, P.IncludeDefinition),
        ExcludeNested = Bool(parameters, P.ExcludeNested),
        ExcludeNotForUI = Bool(parameters, P.ExcludeNotForUI),
        Properties = Strings(parameters, P.Property),
        SystemVersions = Strings(parameters, P.SystemVersion),
        CheckSystemVersions = Strings(parameters, P.CheckSystemVersion),
        ForceSystemVersions = Strings(parameters, P.ForceSystemVersion),
        DefaultValueSetVersions = Strings(parameters, P.DefaultValueSetVersion),
        UseSupplements = Strings(parameters, P.UseSupplement),
    };

    /// <summary>
    /// The inputs of <c>$validate-code</c>. For the CodeSystem operation (<paramref name="onCodeSystem"/>)
    /// <c>url</c> names the code system and <c>version</c> its version; for the ValueSet operation
    /// <c>systemVersion</c> is the code's version.
    /// </summary>
    public static ValidateCodeRequest ReadValidateCode(Parameters parameters, bool onCodeSystem = false) => new()
    {
        Url = String(parameters, P.Url),
        ValueSetVersion = String(parameters, P.ValueSetVersion),
        ValueSet = Resource<ValueSet>(parameters, P.ValueSet),
        Code = String(parameters, P.Code),
        System = String(parameters, P.System),
        SystemVersion = String(parameters, onCodeSystem ? P.Version : P.SystemVersionOfCode) ?? String(parameters, P.SystemVersionOfCode),
        Display = String(parameters, P.Display),
        Coding = parameters.Parameter.FirstOrDefault(p => p.Name == P.Coding)?.Value as Coding,
        CodeableConcept = parameters.Parameter.FirstOrDefault(p => p.Name == P.CodeableConcept)?.Value as CodeableConcept,
        Abstract = Bool(parameters, P.Abstract),
        DisplayLanguage = String(parameters, P.DisplayLanguage),
        ActiveOnly = Bool(parameters, P.ActiveOnly),
        InferSystem = Bool(parameters, P.InferSystem),
        LenientDisplayValidation = Bool(parameters, P.LenientDisplayValidation),
        ValueSetMembershipOnly = Bool(parameters, P.ValueSetMembershipOnly),
        SystemVersions = Strings(parameters, P.SystemVersion),
        CheckSystemVersions = Strings(parameters, P.CheckSystemVersion),
        ForceSystemVersions = Strings(parameters, P.ForceSystemVersion),
        DefaultValueSetVersions = Strings(parameters, P.DefaultValueSetVersion),
        UseSupplements = Strings(parameters, P.UseSupplement),
    };

    /// <summary>The inputs of <c>CodeSystem/$subsumes</c> (https://hl7.org/fhir/R4/codesystem-operation-subsumes.html).</summary>
    public static SubsumesRequest ReadSubsumes(Parameters parameters) => new()
    {
        System = String(parameters, P.System),
        Version = String(parameters, P.Version),
        CodeA = String(parameters, P.CodeA),
        CodeB = String(parameters, P.CodeB),
        CodingA = parameters.Parameter.FirstOrDefault(p => p.Name == P.CodingA)?.Value as Coding,
        CodingB = parameters.Parameter.FirstOrDefault(p => p.Name == P.CodingB)?.Value as Coding,
    };

    /// <summary>The resources supplied with the request (<c>tx-resource</c>), to layer over the server's registries.</summary>
    public static (IReadOnlyList<CodeSystem> CodeSystems, IReadOnlyList<ValueSet> ValueSets) ReadTxResources(Parameters parameters)
    {
        var resources = parameters.Parameter.Where(p => p.Name == P.TxResource).Select(p => p.Resource).ToList();
        return (resources.OfType<CodeSystem>().ToList(), resources.OfType<ValueSet>().ToList());
    }

    private static string? String(Parameters parameters, string name) =>
        parameters.Parameter.FirstOrDefault(p => p.Name == name)?.Value is PrimitiveType { } value ? value.ToString() : null;

    private static IReadOnlyList<string> Strings(Parameters parameters, string name) =>
        parameters.Parameter.Where(p => p.Name == name).Select(p => (p.Value as PrimitiveType)?.ToString()).OfType<string>().ToList();

    private static T? Resource<T>(Parameters parameters, string name)
        where T : Resource =>
        parameters.Parameter.FirstOrDefault(p => p.Name == name)?.Resource as T;

    private static bool? Bool(Parameters parameters, string name) => String(parameters, name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw TerminologyException.Invalid("PARAMETER_NOT_BOOLEAN", $"The parameter '{name}' must be true or false, not '{other}'."),
    };

    private static int? Int(Parameters parameters, string name) => String(parameters, name) switch
    {
        null => null,
        var s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        var other => throw TerminologyException.Invalid("PARAMETER_NOT_INTEGER", $"The parameter '{name}' must be an integer, not '{other}'."),
    };
}
