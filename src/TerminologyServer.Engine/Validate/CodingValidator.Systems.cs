using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace TerminologyServer.Engine.Validate;

/// <summary>System checks of a coding: a usable system URI, a system inferred from the value set, and the not-in-value-set answer.</summary>
internal sealed partial class CodingValidator
{
    /// <summary>A system must be an absolute URI of a code system; a value set url or a local name is a mistake worth naming.</summary>
    private bool CheckSystemUri(CodingInput input, string system, string code, bool inCodeableConcept)
    {
        if (context.CodeSystems.Find(system) is not null)
        {
            return true;
        }

        if (context.ValueSets.Find(system) is not null)
        {
            issues.Error(IssueType.Invalid, "invalid-data", $"The Coding references a value set, not a code system ('{system}')", input.At("system"));
            if (valueSet is not null)
            {
                NotInValueSet(input, system, code, inCodeableConcept);
            }

            return false;
        }

        // Only reached for a system the server does not hold as a code system, so the scan is off the hot path.
        if (context.CodeSystems.All().FirstOrDefault(c => c.IsSupplement && c.Url == system) is { } supplement)
        {
            issues.Error(
                IssueType.Invalid,
                "invalid-data",
                $"CodeSystem {supplement} is a supplement, so can't be used as a value in Coding.system",
                input.At("system"),
                "CODESYSTEM_CS_NO_SUPPLEMENT");
            CausedByUnknownSystems.Add(system);
            return false;
        }

        if (!system.Contains(':', StringComparison.Ordinal))
        {
            issues.Error(IssueType.Invalid, "invalid-data", "Coding.system must be an absolute reference, not a local reference", input.At("system"));
        }

        return true;
    }

    /// <summary>A bare code sent with a value set: the one code system of the value set that has it.</summary>
    private string? InferSystem(CodingInput input, string code, bool inCodeableConcept)
    {
        if (valueSet is null || (input.Path.Length > 0 && request.InferSystem != true))
        {
            // With a value set, the code not being in it is the error; the missing system is a warning on the coding.
            issues.Add(
                valueSet is null ? OperationOutcome.IssueSeverity.Error : OperationOutcome.IssueSeverity.Warning,
                IssueType.Invalid,
                "invalid-data",
                "Coding has no system. A code with no system has no defined meaning, and it cannot be validated. A system should be provided",
                valueSet is null ? input.At("system") : input.Whole,
                "Coding_has_no_system__cannot_validate");
            if (valueSet is not null)
            {
                NotInValueSet(input, "", code, inCodeableConcept);
            }

            return null;
        }

        var candidates = valueSet.Systems().Where(s => valueSet.Find(s.Url, code) is not null).Select(s => s.Url).Distinct().ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var multiple = candidates.Count > 1 ? $": value set expansion has multiple matches: [{string.Join(", ", candidates.Order(StringComparer.Ordinal))}]" : "";
        issues.Error(
            IssueType.NotFound,
            "cannot-infer",
            $"The System URI could not be determined for the code '{code}' in the ValueSet '{valueSetLabel}'{multiple}",
            input.At("code"),
            "Unable_to_resolve_system__value_set_has_multiple_matches");
        NotInValueSet(input, "", code, inCodeableConcept);
        return null;
    }

    private void NotInValueSet(CodingInput input, string system, string code, bool inCodeableConcept)
    {
        // When the value set draws this system from a version the server does not hold, that is the real answer.
        var missingVersions = context.MissingSystems.Where(m => Canonical.Split(m) is var (url, version) && url == system && version is not null).ToList();
        if (missingVersions.Count > 0)
        {
            foreach (var missing in missingVersions)
            {
                var (_, version) = Canonical.Split(missing);
                issues.Error(
                    IssueType.NotFound,
                    "not-found",
                    $"A definition for CodeSystem '{system}' version '{version}' could not be found, so the code cannot be validated. Valid versions: {string.Join(" or ", context.CodeSystems.Versions(system).Select(v => v.Version).Order(StringComparer.Ordinal))}",
                    input.At("system"),
                    "UNKNOWN_CODESYSTEM_VERSION");
                CausedByUnknownSystems.Add(missing);
            }

            return;
        }

        var coded = input.Version is null ? $"{system}#{code}" : $"{system}|{input.Version}#{code}";
        var shown = string.IsNullOrEmpty(input.Display) ? coded : $"{coded} ('{input.Display}')";
        var text = $"The provided code '{shown}' was not found in the value set '{valueSetLabel}'";
        if (inCodeableConcept)
        {
            issues.Add(OperationOutcome.IssueSeverity.Information, IssueType.CodeInvalid, "this-code-not-in-vs", text, input.At("code"), NotInValueSetId, inMessage: false);
        }
        else
        {
            issues.Error(IssueType.CodeInvalid, "not-in-vs", text, input.At("code"), NotInValueSetId);
        }

        foreach (var missing in context.MissingSystems.Where(m => Canonical.Split(m).Url == system))
        {
            CausedByUnknownSystems.Add(missing);
        }
    }
}
