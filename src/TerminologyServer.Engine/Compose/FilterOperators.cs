namespace TerminologyServer.Engine.Compose;

/// <summary>
/// The filter operators of <c>ValueSet.compose.include.filter.op</c> (R4 plus the R5 <c>child-of</c> and
/// <c>descendent-leaf</c>), as their FHIR literals. See https://hl7.org/fhir/R4/valueset-filter-operator.html.
/// </summary>
public static class FilterOperators
{
    public const string Equal = "=";
    public const string IsA = "is-a";
    public const string DescendentOf = "descendent-of";
    public const string IsNotA = "is-not-a";
    public const string Regex = "regex";
    public const string In = "in";
    public const string NotIn = "not-in";
    public const string Generalizes = "generalizes";
    public const string Exists = "exists";
    public const string ChildOf = "child-of";
    public const string DescendentLeaf = "descendent-leaf";

    public static readonly IReadOnlyList<string> All =
        [Equal, IsA, DescendentOf, IsNotA, Regex, In, NotIn, Generalizes, Exists, ChildOf, DescendentLeaf];

    /// <summary>Operators that walk the code system's hierarchy from the concept named by the filter value.</summary>
    public static bool IsHierarchical(string op) =>
        op is IsA or DescendentOf or IsNotA or Generalizes or ChildOf or DescendentLeaf;
}
