namespace TerminologyServer.Api.Operations;

/// <summary>Operation parameter names, as the R4 OperationDefinitions spell them.</summary>
public static class ParameterNames
{
    public const string System = "system", Code = "code", Version = "version", Coding = "coding";
    public const string DisplayLanguage = "displayLanguage", Property = "property", UseSupplement = "useSupplement";
    public const string Date = "date", TxResource = "tx-resource";
}
