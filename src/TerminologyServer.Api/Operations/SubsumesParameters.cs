using TerminologyServer.Engine.Subsumes;
using P = TerminologyServer.Engine.ValueSets.TerminologyParameterNames;

namespace TerminologyServer.Api.Operations;

/// <summary>Binds <c>$subsumes</c> input (query or Parameters) to the engine's request.</summary>
public static class SubsumesParameters
{
    /// <summary>On an instance (<c>CodeSystem/{id}/$subsumes</c>) the instance names the system and version.</summary>
    public static SubsumesRequest Bind(OperationInput input, string? instanceUrl, string? instanceVersion) => new()
    {
        System = instanceUrl ?? input.String(P.System),
        Version = instanceVersion ?? input.String(P.Version),
        CodeA = input.String(P.CodeA),
        CodeB = input.String(P.CodeB),
        CodingA = input.Coding(P.CodingA),
        CodingB = input.Coding(P.CodingB),
    };
}
