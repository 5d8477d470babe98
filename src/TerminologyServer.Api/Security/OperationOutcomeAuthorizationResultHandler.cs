using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Security;

/// <summary>
/// Lets the authentication handlers set the status and <c>WWW-Authenticate</c>, then writes a FHIR
/// OperationOutcome saying what is wrong. Texts are fixed per failure kind: exception messages from token
/// validation (IDX...) never reach the client.
/// </summary>
internal sealed class OperationOutcomeAuthorizationResultHandler(
    ApiKeyStore apiKeys, IOptions<AuthOptions> auth) : IAuthorizationMiddlewareResultHandler
{
    private const string FhirJson = "application/fhir+json; charset=utf-8";

    public async Task HandleAsync(
        RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var schemes = policy.AuthenticationSchemes.Count > 0 ? policy.AuthenticationSchemes : [WriteSecurity.Scheme];
        if (authorizeResult.Forbidden)
        {
            foreach (var scheme in schemes)
            {
                await context.ForbidAsync(scheme);
            }

            var requirement = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<WriteScopeRequirement>().FirstOrDefault();
            if (requirement is not null && !context.Response.HasStarted)
            {
                // RFC 6750 section 3.1
                context.Response.Headers[HeaderNames.WWWAuthenticate] =
                    $"Bearer error=\"insufficient_scope\", scope=\"{requirement.RequiredScope}\"";
            }

            await WriteOutcomeAsync(context, OperationOutcome.IssueType.Forbidden, DescribeForbidden(requirement));
            return;
        }

        foreach (var scheme in schemes)
        {
            await context.ChallengeAsync(scheme);
        }

        var result = await context.AuthenticateAsync(schemes[0]);
        await WriteOutcomeAsync(context, OperationOutcome.IssueType.Login, DescribeUnauthenticated(context.Request, result));
    }

    private string DescribeUnauthenticated(HttpRequest request, AuthenticateResult result)
    {
        if (result.Failure is { } failure)
        {
            return DescribeTokenFailure(failure);
        }

        if (!apiKeys.HasKeys && !auth.Value.JwtConfigured)
        {
            return "This server has no write credentials configured; writes are refused.";
        }

        return BearerToken.HasAuthorizationHeader(request)
            ? "Only 'Authorization: Bearer <token>' is accepted, with an API key or an access token (JWT)."
            : HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                // A read that needs credentials: an import job's status is shown only to those who may import.
                ? "This request reads data that only writers may see and needs 'Authorization: Bearer <token>' with an API key or an access token (JWT)."
                : "This request modifies data and needs 'Authorization: Bearer <token>' with an API key or an access token (JWT).";
    }

    private static string DescribeTokenFailure(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => DescribeTokenFailure(aggregate.InnerExceptions[0]),
        BearerTokenRejectedException rejected => rejected.Message,
        SecurityTokenExpiredException => "The access token has expired.",
        SecurityTokenNotYetValidException => "The access token is not valid yet (nbf).",
        SecurityTokenNoExpirationException => "The access token has no expiry time (exp).",
        SecurityTokenInvalidAlgorithmException => "The access token is signed with an algorithm this server does not accept.",
        SecurityTokenInvalidSignatureException =>  // includes SignatureKeyNotFound: HS256 tokens carry no kid
            "The access token is unsigned or its signature cannot be verified with the keys this server trusts.",
        SecurityTokenInvalidAudienceException => "The access token is not meant for this server (audience).",
        SecurityTokenInvalidIssuerException => "The access token comes from an issuer this server does not trust.",
        SecurityTokenInvalidLifetimeException => "The access token's lifetime is invalid.",
        SecurityTokenMalformedException => "The bearer token is neither a valid API key nor a well-formed access token (JWT).",
        _ => "The bearer token is neither a valid API key nor a valid access token (JWT).",
    };

    private static string DescribeForbidden(WriteScopeRequirement? requirement) => requirement switch
    {
        null => "The credentials do not permit this request.",
        { ResourceType: null } =>
            "Imports may write any resource type and need the scope system/*.write (or system/*.*, system/*.cud).",
        { ResourceType: var type } =>
            $"The access token does not permit writing {type}: it needs the scope system/{type}.write " +
            $"(or system/{type}.*, system/{type}.cud, system/*.write, system/*.*, system/*.cud).",
    };

    private static async Task WriteOutcomeAsync(HttpContext context, OperationOutcome.IssueType code, string text)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await FhirResults.Write(context, Outcomes.Error(code, text), context.Response.StatusCode);
    }
}
