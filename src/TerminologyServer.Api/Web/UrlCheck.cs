using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Features;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;

namespace TerminologyServer.Api.Web;

/// <summary>
/// Refuses URLs whose percent-escapes are not UTF-8 text (overlong forms such as <c>%C0%AF</c>, lone bytes) or
/// carry control characters (<c>%00</c>, <c>%0A</c>): a 400 in the form of the area (page, JSON, OperationOutcome).
/// Under <c>/fhir</c> a tab, carriage return or line feed is allowed, as in every FHIR string (a display may have them).
/// Without it ASP.NET keeps invalid escapes as literal text and passes a NUL in a query on to the code.
/// Kestrel itself already refuses a NUL in the path (a bodiless 400, before the application).
/// </summary>
public static class UrlCheck
{
    public static WebApplication UseUrlCheck(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target ? target
                : context.Request.Path.ToUriComponent() + context.Request.QueryString.Value;
            // Only a target with percent-escapes can be refused: the others pass without working out their area.
            if (!raw.Contains('%', StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            var area = SiteAreas.Of(context.Request);
            if (Problem(raw, allowLineBreaks: area == SiteArea.Fhir) is { } problem)
            {
                if (area == SiteArea.Fhir)
                {
                    await FhirResults.Write(context, Outcomes.Error(OperationOutcome.IssueType.Invalid, problem, "INVALID_URL"), StatusCodes.Status400BadRequest);
                }
                else
                {
                    await ErrorPages.WriteErrorAsync(context, area, StatusCodes.Status400BadRequest, problem);
                }

                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>What is wrong with the request target as sent, or null when it is fine.</summary>
    public static string? Problem(string target, bool allowLineBreaks = false)
    {
        if (!target.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(target.Length * 3);
        try
        {
            var length = 0;
            for (var i = 0; i < target.Length; i++)
            {
                int b = target[i];
                if (b == '%' && i + 2 < target.Length && Uri.IsHexDigit(target[i + 1]) && Uri.IsHexDigit(target[i + 2]))
                {
                    b = byte.Parse(target.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    i += 2;
                }
                else if (b >= 0x80)
                {
                    length += Encoding.UTF8.GetBytes(target.AsSpan(i, 1), bytes.AsSpan(length));
                    continue;
                }

                if ((b < 0x20 || b == 0x7F) && !(allowLineBreaks && b is '\t' or '\r' or '\n'))
                {
                    return "The address contains a control character (such as %00 or %0A); remove it and try again.";
                }

                bytes[length++] = (byte)b;
            }

            return Utf8.IsValid(bytes.AsSpan(0, length)) ? null
                : "The address contains percent-escapes that are not valid UTF-8 text (such as %C0%AF); encode the text as UTF-8.";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
