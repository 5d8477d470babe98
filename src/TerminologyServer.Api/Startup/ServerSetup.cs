using TerminologyServer.Api.Endpoints;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Narratives;
using TerminologyServer.Api.Operations;
using TerminologyServer.Api.Security;
using TerminologyServer.Api.Web;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.ConceptMaps;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Engine.Search;
using TerminologyServer.Engine.Subsumes;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using TerminologyServer.Import;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Startup;

/// <summary>Everything the server and its command-line verbs share: storage, engine, caches.</summary>
public static class ServerSetup
{
    /// <summary>Kestrel's request line limit (and headers total, for a long Referer): 1 MiB.</summary>
    public const int MaxRequestLineBytes = 1024 * 1024;

    /// <summary>Registers storage and the terminology engine; <paramref name="serve"/> adds the start-up and polling tasks of a serving host.</summary>
    public static WebApplicationBuilder AddTerminologyServer(this WebApplicationBuilder builder, bool serve)
    {
        var config = builder.Configuration;
        var storage = config.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        StorageSetup.ProviderName(storage);
        builder.Services.Configure<StorageOptions>(config.GetSection(StorageOptions.Section));
        builder.Services.Configure<ContentOptions>(config.GetSection(ContentOptions.Section));
        builder.Services.Configure<LimitOptions>(config.GetSection(LimitOptions.Section));
        builder.Services.Configure<Imports.ImportOptions>(config.GetSection(Imports.ImportOptions.Section));
        builder.Services.AddDbContext<TerminologyDbContext>(o => StorageSetup.Configure(o, storage, builder.Environment.ContentRootPath));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped(sp => new ResourceStore(sp.GetRequiredService<TerminologyDbContext>(), sp.GetRequiredService<TimeProvider>())
        {
            KeepHistoryVersions = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.HistoryVersions,
        });
        builder.Services.AddScoped<ShippedContentLoader>();
        builder.Services.AddScoped<ShippedCodeSystemLoader>();
        builder.Services.AddScoped<FhirCoreContentLoader>();
        builder.Services.AddScoped<ContentSources>();
        // BCP-47, UCUM, media types, ISO 3166 and ISO 4217 are defined by code, not stored (CodeSystems/Computed).
        builder.Services.AddSingleton(_ => ComputedCodeSystems.Register(new CodeSystemRegistry()));
        builder.Services.AddScoped<TerminologyServer.Import.FhirContentImporter>();
        builder.Services.AddScoped<TerminologyServer.Storage.Snomed.SnomedStore>();
        builder.Services.AddSingleton<IndexSynchronizer>();
        builder.Services.AddNarratives(config);
        // $lookup applies a code system's narrative supplement unless useSupplement names others (Narratives:ApplyToLookup).
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<NarrativeOptions>>().Value.ApplyToLookup
            ? new LookupService { AppliesByDefault = index => TerminologyServer.Engine.Narratives.NarrativeProperties.IsSupplementUrl(index.Url) }
            : new LookupService());
        builder.Services.AddSingleton<ValueSetRegistry>();
        builder.Services.AddSingleton(sp => new CodeSearch(sp.GetRequiredService<CodeSystemRegistry>(), warmOnChange: serve));
        builder.Services.AddSingleton<SystemDirectory>();
        builder.Services.AddSingleton<PlanDefinitionCache>();
        var terminology = config.GetSection(TerminologyOptions.Section).Get<TerminologyOptions>() ?? new TerminologyOptions();
        var engineOptions = new ValueSetEngineOptions
        {
            MaxExpansionSize = terminology.MaxExpansionSize,
            MaxImportDepth = terminology.MaxImportDepth,
            RegexTimeout = TimeSpan.FromMilliseconds(terminology.RegexTimeoutMilliseconds),
        };
        builder.Services.AddSingleton(new ValueSetExpander(engineOptions));
        builder.Services.AddSingleton(new ValueSetValidator(engineOptions));
        builder.Services.AddSingleton<SubsumptionService>();
        builder.Services.AddSingleton<TerminologyServer.Engine.Closures.ClosureService>();
        builder.Services.AddScoped<TerminologyServer.Storage.Closures.ClosureStore>();
        builder.Services.AddSingleton<ConceptMapRegistry>();
        builder.Services.AddSingleton<TranslationService>();
        builder.Services.AddSingleton<FhirBody>();
        builder.Services.AddSingleton<OperationInputReader>();
        builder.Services.AddSingleton<Imports.ImportJobs>();
        if (serve)
        {
            builder.Services.AddHostedService<StartupTasks>();
            builder.Services.AddHostedService<ChangePoller>();
        }

        builder.Services.AddFhirCompression();
        builder.Services.Configure<RouteOptions>(o => o.ConstraintMap[HttpMethodSupport.FhirIdConstraint.Name] = typeof(HttpMethodSupport.FhirIdConstraint));
        builder.Services.AddExceptionHandler<FhirExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddWriteSecurity(config);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            var origins = config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
            if (origins.Contains("*"))
            {
                p.AllowAnyOrigin();
            }
            else
            {
                p.WithOrigins(origins);
            }

            p.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "ETag", "Content-Location", "Last-Modified");
        }));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
            // Long URLs reach the application, which answers them in the form of their area (search page 400,
            // /api JSON, FHIR 414 OperationOutcome) instead of Kestrel's bare 414 at 8 KB. Kestrel buffers a request
            // head only while it is being received, in pooled blocks as bytes arrive, so the bound costs memory only
            // for a client that sends that much (at most ~2 MiB per connection, for RequestHeadersTimeout, 30 s).
            // Beyond it Kestrel itself answers 414 (request line) or 431 (headers), without a body.
            k.Limits.MaxRequestLineSize = MaxRequestLineBytes;
            k.Limits.MaxRequestHeadersTotalSize = MaxRequestLineBytes;
            // Over HTTP/2 (TLS) the URL is the :path header field, 16 KB by default; the same bound applies.
            k.Limits.Http2.MaxRequestHeaderFieldSize = MaxRequestLineBytes;
        });
        return builder;
    }

    /// <summary>The HTTP pipeline: errors as OperationOutcomes, CORS, content negotiation, security, the FHIR endpoints.</summary>
    public static WebApplication UseTerminologyServer(this WebApplication app)
    {
        // Created now so that it hears the code systems being loaded and builds their word indexes ahead of the first search.
        app.Services.GetRequiredService<CodeSearch>();
        ResourceCaches.Attach(
            app.Services.GetRequiredService<IndexSynchronizer>(),
            app.Services.GetRequiredService<ValueSetRegistry>(),
            app.Services.GetRequiredService<ConceptMapRegistry>(),
            app.Services.GetRequiredService<PlanDefinitionCache>());
        app.UseHeadAndRouting();
        app.UseResponseCompression();
        app.Use((context, next) =>
        {
            // Browsers must not guess HTML in a JSON or text answer that echoes user input.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages(ErrorPages.WriteStatusAsync);
        app.UseMethodNotAllowed();
        app.UseCors();
        app.UseUrlCheck();
        app.UseFhirQueryStringLimit();
        app.UseFhirHtmlView();
        app.Use(async (context, next) =>
        {
            // Endpoints that answer in their own media type (e.g. $export-narrative, text/plain) negotiate themselves.
            if (context.Request.Path.StartsWithSegments("/fhir") && FhirFormats.ForResponse(context.Request) is null
                && context.GetEndpoint()?.Metadata.GetMetadata<OwnMediaType>() is null)
            {
                context.Request.Headers.Accept = FhirFormats.FhirJson;
                await FhirResults.Write(context, Outcomes.Error(Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported,
                    "The Accept header or _format names no format this server produces; use application/fhir+json or application/fhir+xml."), StatusCodes.Status406NotAcceptable);
                return;
            }

            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/healthz", () => FhirResults.Ok(Outcomes.Information("ok")));
        var fhir = app.MapGroup("/fhir");
        fhir.MapMetadataApi();
        fhir.MapLookupApi();
        fhir.MapValueSetApi();
        fhir.MapSubsumesApi();
        fhir.MapTranslateApi();
        fhir.MapClosureApi();
        fhir.MapSimilarApi();
        fhir.MapImportApi();
        fhir.MapNarrativeApi();
        foreach (var type in ResourceStore.SupportedTypes)
        {
            fhir.MapResourceApi(type);
        }

        fhir.MapHistoryApi();
        fhir.MapBundleApi();

        app.MapWebPages();
        return app;
    }
}
