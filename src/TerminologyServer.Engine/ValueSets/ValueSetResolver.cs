using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>Finds the value set an operation is about: inline, or by url (optionally <c>url|version</c>) and version; <c>{system}?fhir_vs</c> is a code system's implicit value set.</summary>
internal static class ValueSetResolver
{
    public static ValueSet Resolve(ValueSet? inline, string? url, string? version, IValueSetProvider provider, CodeSystems.ICodeSystemProvider codeSystems)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (string.IsNullOrEmpty(url))
        {
            throw TerminologyException.Invalid("VALUESET_NOT_GIVEN", "No value set was given: use the url or valueSet parameter, or call the operation on a ValueSet instance.");
        }

        var (plainUrl, canonicalVersion) = Canonical.Split(url);
        var wanted = version ?? canonicalVersion;
        return provider.Find(plainUrl, wanted) ?? Search.ImplicitValueSets.Find(plainUrl, wanted, codeSystems) ?? throw new TerminologyException(
            OperationOutcome.IssueType.NotFound,
            "Unable_to_resolve_value_Set_",
            wanted is null
                ? $"A definition for the value Set '{plainUrl}' could not be found"
                : $"A definition for the value Set '{plainUrl}|{wanted}' could not be found")
        {
            TxIssueType = "not-found",
        };
    }
}
