using System.Security.Claims;

namespace TerminologyServer.Api.Security;

/// <summary>
/// SMART on FHIR backend-services scopes (<c>system/&lt;type&gt;.&lt;permissions&gt;</c>), v1 and v2 syntax.
/// See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html.
/// </summary>
internal static class SmartScopes
{
    private const string SystemContext = "system/";
    private const string AnyType = "*";

    /// <summary>The scopes of a principal: the space-separated <c>scope</c> claim(s) and the <c>scp</c> claim(s).</summary>
    public static IEnumerable<string> Of(ClaimsPrincipal principal) =>
        principal.Claims
            .Where(c => c.Type is "scope" or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Whether one of <paramref name="scopes"/> allows create, update and delete of <paramref name="resourceType"/>;
    /// a null type means every type (imports), which only a wildcard scope grants.
    /// </summary>
    public static bool GrantWrite(IEnumerable<string> scopes, string? resourceType) =>
        scopes.Any(scope => GrantsWrite(scope, resourceType));

    private static bool GrantsWrite(string scope, string? resourceType)
    {
        // Scopes narrowed by a query ("system/Observation.rs?category=...") restrict to a subset we cannot
        // enforce on a write, so they never grant one.
        if (!scope.StartsWith(SystemContext, StringComparison.Ordinal) || scope.Contains('?'))
        {
            return false;
        }

        var rest = scope.AsSpan(SystemContext.Length);
        var dot = rest.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var type = rest[..dot];
        var permissions = rest[(dot + 1)..];
        var typeMatches = type.SequenceEqual(AnyType) || (resourceType is not null && type.SequenceEqual(resourceType));
        return typeMatches && PermitsCreateUpdateDelete(permissions);
    }

    // v1: "write" or "*". v2: a subset of "cruds" in that order; a write policy covers create, update and
    // delete together, so it needs all three of c, u and d.
    private static bool PermitsCreateUpdateDelete(ReadOnlySpan<char> permissions)
    {
        if (permissions.SequenceEqual("write") || permissions.SequenceEqual("*"))
        {
            return true;
        }

        const string order = "cruds";
        var position = 0;
        foreach (var p in permissions)
        {
            var index = order.IndexOf(p, position);
            if (index < 0)
            {
                return false;
            }

            position = index + 1;
        }

        return permissions.Contains('c') && permissions.Contains('u') && permissions.Contains('d');
    }
}
