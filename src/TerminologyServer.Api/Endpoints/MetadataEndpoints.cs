using Hl7.Fhir.Model;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary><c>GET /metadata</c>: the CapabilityStatement, or with <c>mode=terminology</c> the TerminologyCapabilities.</summary>
public static class MetadataEndpoints
{
    public const string SoftwareName = "TerminologyServer";

    private static readonly string SoftwareVersion = typeof(MetadataEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    private static readonly string ReleaseDate = File.GetLastWriteTimeUtc(typeof(MetadataEndpoints).Assembly.Location).ToString("yyyy-MM-dd");

    private static readonly string[] ExpansionParameters =
    [
        "activeOnly", "check-system-version", "count", "default-valueset-version", "designation", "displayLanguage", "excludeNested",
        "excludeNotForUI", "filter", "force-system-version", "includeDefinition", "includeDesignations", "offset", "property",
        "system-version", "tx-resource", "useSupplement", "valueSetVersion",
    ];

    private static Extension Feature(string definition, DataType value) => new()
    {
        Url = "http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature",
        Extension = [new Extension("definition", new Canonical(definition)), new Extension("value", value)],
    };

    public static RouteGroupBuilder MapMetadataApi(this RouteGroupBuilder fhir)
    {
        fhir.MapMethods("/$versions", ["GET", "POST"], () => FhirResults.Ok(new Parameters()
            .Add("version", new Code("4.0"))
            .Add("default", new Code("4.0"))));
        fhir.MapGet("/metadata", (HttpRequest request, CodeSystemRegistry registry) => request.Query["mode"].ToString() switch
        {
            "terminology" => Conditional(request, Terminology(request, registry), null),
            "" or "full" or "normative" => Conditional(request, Capabilities(request), Started),
            var mode => throw Errors.FhirHttpException.BadRequest($"mode '{mode}' is not supported on /metadata; use full (the default, the CapabilityStatement) or terminology (the TerminologyCapabilities)."),
        });
        return fhir;
    }

    // The CapabilityStatement is made by code: it changes when the server does.
    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    private static IResult Conditional(HttpRequest request, Resource resource, DateTimeOffset? lastModified) =>
        ConditionalRequests.Check(request.HttpContext, ConditionalRequests.ContentETag(resource), lastModified) ?? FhirResults.Ok(resource);

    private static readonly (string Type, string Name, string Definition)[] Operations =
    [
        ("CodeSystem", "lookup", "http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup"),
        ("CodeSystem", "validate-code", "http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code"),
        ("CodeSystem", "subsumes", "http://hl7.org/fhir/OperationDefinition/CodeSystem-subsumes"),
        ("ValueSet", "expand", "http://hl7.org/fhir/OperationDefinition/ValueSet-expand"),
        ("ValueSet", "validate-code", "http://hl7.org/fhir/OperationDefinition/ValueSet-validate-code"),
        ("ValueSet", "batch-validate-code", "http://hl7.org/fhir/uv/tx-ecosystem/OperationDefinition/ValueSet-batch-validate-code"),
        ("ConceptMap", "translate", "http://hl7.org/fhir/OperationDefinition/ConceptMap-translate"),
        // System level only ([base]/$closure): no resource type lists it.
        ("", "closure", "http://hl7.org/fhir/OperationDefinition/ConceptMap-closure"),
    ];

    private static CapabilityStatement Capabilities(HttpRequest request)
    {
        var rest = new CapabilityStatement.RestComponent { Mode = CapabilityStatement.RestfulCapabilityMode.Server };
        rest.Security = new CapabilityStatement.SecurityComponent
        {
            Description = "Reads and operations are open. Create, update and delete need Authorization: Bearer with an API key or a JWT carrying system/<Type>.write.",
        };
        foreach (var type in ResourceStore.SupportedTypes.Order())
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                ReadHistory = true,
                UpdateCreate = true,
                ConditionalCreate = true,
                ConditionalUpdate = true,
                ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.Single,
                ConditionalRead = CapabilityStatement.ConditionalReadStatus.FullSupport,
                Interaction =
                [
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.Vread },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.Update },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.Delete },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.HistoryInstance },
                    new() { Code = CapabilityStatement.TypeRestfulInteraction.HistoryType },
                ],
            };
            foreach (var (name, kind) in SearchParameters(type))
            {
                resource.SearchParam.Add(new() { Name = name, Type = kind });
            }

            foreach (var (name, definition) in Operations.Where(o => o.Type == type).Select(o => (o.Name, o.Definition)))
            {
                resource.Operation.Add(new() { Name = name, Definition = definition });
            }

            rest.Resource.Add(resource);
        }

        foreach (var (_, name, definition) in Operations.DistinctBy(o => o.Name))
        {
            rest.Operation.Add(new() { Name = name, Definition = definition });
        }

        rest.Interaction =
        [
            new() { Code = CapabilityStatement.SystemRestfulInteraction.Transaction, Documentation = $"All or nothing, one database transaction, urn:uuid references resolved; at most {BundleEndpoints.MaxEntries} entries." },
            new() { Code = CapabilityStatement.SystemRestfulInteraction.Batch, Documentation = $"Each entry on its own; at most {BundleEndpoints.MaxEntries} entries." },
            new() { Code = CapabilityStatement.SystemRestfulInteraction.HistorySystem },
        ];
        rest.Operation.Add(new() { Name = "versions", Definition = "http://hl7.org/fhir/OperationDefinition/fhir-versions" });
        return new CapabilityStatement
        {
            Extension =
            [
                Feature("http://hl7.org/fhir/uv/tx-tests/FeatureDefinition/test-version", new Code("1.9.0")),
                Feature("http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter", new FhirBoolean(true)),
            ],
            Url = ResourceEndpoints.FhirBase(request) + "/metadata",
            Version = SoftwareVersion,
            Name = SoftwareName,
            Title = "FHIR R4 terminology server",
            Status = PublicationStatus.Active,
            Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd"),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = SoftwareName, Version = SoftwareVersion, ReleaseDate = ReleaseDate },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "FHIR R4 terminology server", Url = ResourceEndpoints.FhirBase(request) },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "application/fhir+xml", "json", "xml"],
            Rest = [rest],
            InstantiatesElement = [new Canonical("http://hl7.org/fhir/CapabilityStatement/terminology-server")],
        };
    }

    private static IEnumerable<(string, SearchParamType)> SearchParameters(string type)
    {
        yield return ("_id", SearchParamType.Token);
        if (type != "NamingSystem")
        {
            yield return ("url", SearchParamType.Uri);
            yield return ("version", SearchParamType.Token);
            yield return ("title", SearchParamType.String);
        }

        yield return ("name", SearchParamType.String);
        yield return ("status", SearchParamType.Token);
    }

    private static TerminologyCapabilities Terminology(HttpRequest request, CodeSystemRegistry registry)
    {
        var caps = new TerminologyCapabilities
        {
            Url = ResourceEndpoints.FhirBase(request) + "/metadata?mode=terminology",
            Version = SoftwareVersion,
            Name = SoftwareName,
            Title = "FHIR R4 terminology server: terminology capabilities",
            Status = PublicationStatus.Active,
            Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd"),
            Kind = CapabilityStatementKind.Instance,
            Software = new TerminologyCapabilities.SoftwareComponent { Name = SoftwareName },
            LockedDate = false,
            CodeSearch = TerminologyCapabilities.CodeSearchSupport.All,
            Expansion = new TerminologyCapabilities.ExpansionComponent
            {
                Hierarchical = true,
                Paging = true,
                Incomplete = false,
                Parameter = ExpansionParameters.Select(p => new TerminologyCapabilities.ParameterComponent { Name = p }).ToList(),
                TextFilter = "Each word of the filter matches a word prefix of the display, a designation, or the code.",
            },
            ValidateCode = new TerminologyCapabilities.ValidateCodeComponent { Translations = false },
        };
        foreach (var group in registry.All().Where(i => !i.IsSupplement).GroupBy(i => i.Url).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var cs = new TerminologyCapabilities.CodeSystemComponent { Uri = group.Key };
            foreach (var index in group.OrderByDescending(i => i.Version, VersionComparer.Instance))
            {
                cs.Version.Add(new TerminologyCapabilities.VersionComponent
                {
                    Code = index.Version,
                    IsDefault = ReferenceEquals(index, registry.Find(group.Key)),
                    Property = index.Properties.Select(p => p.Code).ToList(),
                });
            }

            caps.CodeSystem.Add(cs);
        }

        return caps;
    }
}
