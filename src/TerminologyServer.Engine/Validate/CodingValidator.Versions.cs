using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace TerminologyServer.Engine.Validate;

/// <summary>Version checks of a coding: the version it states, the one the value set pins, the request's version rules.</summary>
internal sealed partial class CodingValidator
{
    /// <summary>
    /// When the value set pins a version of <paramref name="system"/> that the coding's version does not fit,
    /// reports it and returns the pinned version (null when there is no conflict).
    /// </summary>
    private CodeSystemIndex? VersionConflict(CodingInput input, string system, CodeSystemIndex stated)
    {
        var versions = valueSet!.IncludeVersions(system).ToList();
        if (versions.Count == 0 || versions.Any(v => v.Stated is null || VersionRules.Matches(v.Stated, stated.Version)))
        {
            return null;
        }

        var pinned = versions[0].Stated!;
        IncludeVersionMismatch(input, system, versions[0]);
        var resolved = VersionRules.FindMatching(context.CodeSystems, system, pinned);
        if (resolved is null)
        {
            var missing = $"{system}|{pinned}";
            issues.Error(
                IssueType.NotFound,
                "not-found",
                $"A definition for CodeSystem '{system}' version '{pinned}' could not be found, so the code cannot be validated. Valid versions: {string.Join(" or ", context.CodeSystems.Versions(system).Select(v => v.Version).Order(StringComparer.Ordinal))}",
                input.At("system"),
                "UNKNOWN_CODESYSTEM_VERSION");
            CausedByUnknownSystems.Add(missing);
        }

        return resolved ?? stated;
    }

    /// <summary>The coding states a version the server does not hold: say which version the value set would have used.</summary>
    private void UnknownStatedVersion(CodingInput input, string system)
    {
        var versions = valueSet?.IncludeVersions(system).ToList() ?? [];
        if (versions.Count == 0)
        {
            return;
        }

        if (versions.FirstOrDefault(v => v.Stated is not null) is { Stated: not null } pinned)
        {
            IncludeVersionMismatch(input, system, pinned);
        }
        else if (context.CodeSystems.Find(system) is { } latest)
        {
            issues.Add(
                OperationOutcome.IssueSeverity.Warning,
                IssueType.Invalid,
                "vs-invalid",
                $"The code system '{system}' version '{latest.Version}' for the versionless include in the ValueSet include is different to the one in the value ('{input.Version}')",
                input.At("version"),
                "VALUESET_VALUE_MISMATCH_DEFAULT",
                inMessage: false);
        }
    }

    /// <summary>
    /// The coding's version is not the one the include asks for. When a version parameter of the request changed
    /// what the include names, the message says so and shows the parameter's version as given (a pattern stays one).
    /// </summary>
    private void IncludeVersionMismatch(CodingInput input, string system, (string? Stated, string? Written) include)
    {
        var stated = include.Stated!;
        if (stated != include.Written)
        {
            issues.Error(
                IssueType.Invalid,
                "vs-invalid",
                $"The code system '{system}' version '{stated}' resulting from the version '{include.Written}' in the ValueSet include is different to the one in the value ('{input.Version}')",
                input.At("version"),
                "VALUESET_VALUE_MISMATCH_CHANGED");
            return;
        }

        var resolved = VersionRules.FindMatching(context.CodeSystems, system, stated)?.Version ?? stated;
        issues.Error(
            IssueType.Invalid,
            "vs-invalid",
            $"The code system '{system}' version '{resolved}' in the ValueSet include is different to the one in the value ('{input.Version}')",
            input.At("version"),
            "VALUESET_VALUE_MISMATCH");
    }

    private void CheckVersionRule(CodingInput input, CodeSystemIndex cs)
    {
        try
        {
            context.Versions.Check(cs);
        }
        catch (TerminologyException ex)
        {
            issues.Error(ex.IssueType, ex.TxIssueType ?? "version-error", ex.Message, input.At("version"), ex.MessageId);
        }
    }

    private CodeSystemIndex? ResolveCodeSystem(CodingInput input, string system, string code, bool inCodeableConcept, bool applyRules = true)
    {
        CodeSystemIndex? cs;
        try
        {
            var rules = applyRules ? context.Versions : VersionRules.None;
            cs = rules.Resolve(context.CodeSystems, system, input.Version, "the code cannot be validated", check: false, messageId: "UNKNOWN_CODESYSTEM_VERSION");
        }
        catch (TerminologyException ex)
        {
            issues.Error(ex.IssueType, ex.TxIssueType ?? "not-found", ex.Message, input.At("system"), ex.MessageId);
            if (!applyRules)
            {
                CausedByUnknownSystems.Add($"{system}|{input.Version}");
            }
            else if (valueSet is not null)
            {
                var missing = input.Version is null ? system : $"{system}|{input.Version}";
                issues.Warning(
                    IssueType.NotFound,
                    "vs-invalid",
                    $"Unable to check whether the code is in the value set '{valueSetLabel}' because the code system {missing} was not found",
                    input.At("system"));
                CausedByUnknownSystems.Add(missing);
            }

            return null;
        }

        if (cs is not null)
        {
            return cs;
        }

        if (input.Version is null)
        {
            issues.Error(IssueType.NotFound, "not-found", $"A definition for CodeSystem '{system}' could not be found, so the code cannot be validated", input.At("system"), "UNKNOWN_CODESYSTEM");
        }
        else
        {
            issues.Error(
                IssueType.NotFound,
                "not-found",
                $"A definition for CodeSystem '{system}' version '{input.Version}' could not be found, so the code cannot be validated. No versions of this code system are known",
                input.At("system"),
                "UNKNOWN_CODESYSTEM_VERSION_NONE");
        }

        UnknownSystems.Add(system);
        if (valueSet is not null)
        {
            NotInValueSet(input, system, code, inCodeableConcept);
        }

        return null;
    }
}
