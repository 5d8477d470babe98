using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// Finds value sets by canonical url. Chained like <see cref="CodeSystems.ICodeSystemProvider"/> so that
/// value sets supplied with a request (<c>tx-resource</c>) come first.
/// See https://hl7.org/fhir/R4/valueset.html.
/// </summary>
public interface IValueSetProvider
{
    /// <summary>
    /// The version <paramref name="version"/> of <paramref name="url"/>, or the latest version when
    /// <paramref name="version"/> is null. Null when unknown. The returned resource must not be modified.
    /// </summary>
    ValueSet? Find(string url, string? version = null);

    /// <summary>Every version held for <paramref name="url"/>, latest first.</summary>
    IReadOnlyList<ValueSet> Versions(string url);
}
