using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// gzip and brotli for responses (ASP.NET Core ResponseCompression), only when the client asks (Accept-Encoding)
/// and only when the answer is worth it: a body whose length is known and under <see cref="MinimumBytes"/> (an
/// OperationOutcome, a small $lookup answered with a Content-Length) goes as is, since a few hundred bytes fit one
/// packet either way and compressing them costs more CPU than it saves. Expansions and searches are compressed.
/// </summary>
public static class FhirCompression
{
    /// <summary>Smallest known body length that is compressed.</summary>
    public const int MinimumBytes = 1024;

    private static readonly string[] MimeTypes =
    [
        FhirFormats.FhirJson, FhirFormats.FhirXml, "application/json", "application/xml", "text/html", "text/plain", "text/css",
        "application/javascript", "text/javascript",
    ];

    public static IServiceCollection AddFhirCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Responses never mix a secret with attacker-chosen text in one compressed body (no cookies, tokens only
            // in requests), so BREACH does not apply and HTTPS responses are compressed too.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = MimeTypes;
        });
        // Fastest levels: on a 644 KB expansion they keep most of the gain at a fraction of the CPU of Optimal.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, ThresholdProvider>();
        return services;
    }

    private sealed class ThresholdProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            context.Response.ContentLength is not < MinimumBytes && base.ShouldCompressResponse(context);
    }
}
