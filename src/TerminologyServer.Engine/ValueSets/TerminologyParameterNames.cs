namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// Names of the parameters of <c>$lookup</c>, <c>$expand</c>, <c>$validate-code</c>, <c>$subsumes</c> and <c>$translate</c>, and of the
/// parameters an expansion echoes, in one place so that binding, echo and tests agree.
/// See https://hl7.org/fhir/R4/valueset-operation-expand.html and
/// https://hl7.org/fhir/R4/valueset-operation-validate-code.html.
/// </summary>
public static class TerminologyParameterNames
{
    public const string Url = "url";
    public const string ValueSet = "valueSet";
    public const string ValueSetVersion = "valueSetVersion";
    public const string Filter = "filter";
    public const string Offset = "offset";
    public const string Count = "count";
    public const string ActiveOnly = "activeOnly";
    public const string IncludeDesignations = "includeDesignations";
    public const string Designation = "designation";
    public const string DisplayLanguage = "displayLanguage";
    public const string IncludeDefinition = "includeDefinition";
    public const string ExcludeNested = "excludeNested";
    public const string ExcludeNotForUI = "excludeNotForUI";
    public const string Property = "property";
    public const string SystemVersion = "system-version";
    public const string CheckSystemVersion = "check-system-version";
    public const string ForceSystemVersion = "force-system-version";
    public const string DefaultValueSetVersion = "default-valueset-version";
    public const string UseSupplement = "useSupplement";
    public const string TxResource = "tx-resource";
    public const string Date = "date";

    public const string Code = "code";
    public const string System = "system";
    public const string SystemVersionOfCode = "systemVersion";
    public const string Version = "version";
    public const string Display = "display";
    public const string Coding = "coding";
    public const string CodeableConcept = "codeableConcept";
    public const string Abstract = "abstract";
    public const string InferSystem = "inferSystem";
    public const string LenientDisplayValidation = "lenient-display-validation";
    public const string ValueSetMembershipOnly = "valueset-membership-only";

    /// <summary>The same switch as <see cref="ValueSetMembershipOnly"/>, in the spelling some clients send.</summary>
    public const string ValueSetMembershipOnlyCamel = "valueSetMembershipOnly";

    /// <summary>The Java validator's form: <c>valueSetMode</c> = <c>CHECK_MEMBERSHIP_ONLY</c> (also its historic misspelling).</summary>
    public const string ValueSetMode = "valueSetMode";

    public const string Result = "result";
    public const string Message = "message";
    public const string Issues = "issues";
    public const string Inactive = "inactive";
    public const string Status = "status";

    public const string CodeA = "codeA";
    public const string CodeB = "codeB";
    public const string CodingA = "codingA";
    public const string CodingB = "codingB";
    public const string Outcome = "outcome";

    /// <summary>Echoed by an expansion: <c>url|version</c> of each code system it used.</summary>
    public const string UsedCodeSystem = "used-codesystem";

    /// <summary>Echoed by an expansion: <c>url|version</c> of each imported value set it used.</summary>
    public const string UsedValueSet = "used-valueset";

    /// <summary>Echoed by an expansion: <c>url|version</c> of each supplement applied.</summary>
    public const string UsedSupplement = "used-supplement";

    // $translate (R4 names first, then the R5 names validators also send).
    public const string ConceptMap = "conceptMap";
    public const string ConceptMapVersion = "conceptMapVersion";
    public const string Reverse = "reverse";
    public const string TargetSystemR4 = "targetsystem";
    public const string SourceScopeR4 = "source";
    public const string TargetScopeR4 = "target";
    public const string SourceCode = "sourceCode";
    public const string SourceSystem = "sourceSystem";
    public const string SourceVersion = "sourceVersion";
    public const string SourceCoding = "sourceCoding";
    public const string SourceCodeableConcept = "sourceCodeableConcept";
    public const string TargetCode = "targetCode";
    public const string TargetCoding = "targetCoding";
    public const string TargetSystem = "targetSystem";
    public const string SourceScope = "sourceScope";
    public const string TargetScope = "targetScope";
}

/// <summary>Extension urls the value set engine reads or writes.</summary>
public static class TerminologyExtensionUrls
{
    /// <summary>R5 filter operators (<c>child-of</c>, <c>descendent-leaf</c>) carried on an R4 <c>filter.op</c>.</summary>
    public const string FilterOp = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.compose.include.filter.op";

    /// <summary>R5 <c>expansion.property</c> on R4 (sub-extensions <c>code</c> and <c>uri</c>).</summary>
    public const string ExpansionProperty = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.property";

    /// <summary>R5 <c>expansion.contains.property</c> on R4 (sub-extensions <c>code</c> and <c>value</c>).</summary>
    public const string ContainsProperty = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.contains.property";

    /// <summary>The definition of a concept, on <c>expansion.contains</c> (<c>includeDefinition</c>).</summary>
    public const string ConceptDefinition = "http://hl7.org/fhir/StructureDefinition/valueset-concept-definition";

    /// <summary>A supplement a value set asks to be applied.</summary>
    public const string ValueSetSupplement = "http://hl7.org/fhir/StructureDefinition/valueset-supplement";
}
