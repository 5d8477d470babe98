using System.Globalization;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary>Runs the entries of a transaction or batch Bundle against the store, as the matching REST interaction would.</summary>
internal sealed class BundleEntryProcessor(HttpRequest http, ResourceStore store, TerminologyDbContext db)
{
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);

    /// <summary>
    /// Gives every POST entry its id before anything runs, so that references to an entry's <c>urn:uuid:</c> (or
    /// <c>urn:oid:</c>) full URL, anywhere in the Bundle, can be rewritten to <c>Type/id</c> (FHIR transaction rules).
    /// </summary>
    public void AssignIds(IReadOnlyList<BundleEntry> entries)
    {
        foreach (var e in entries)
        {
            if (e.Request is { Method: Bundle.HTTPVerb.POST } && e.Entry.Resource is { } r)
            {
                r.Id = Guid.NewGuid().ToString("N");
                if (e.Entry.FullUrl is { } full && full.StartsWith("urn:", StringComparison.Ordinal))
                {
                    _references[full] = $"{e.Request.Type}/{r.Id}";
                }
            }
        }

        foreach (var resource in entries.Select(e => e.Entry.Resource).OfType<Resource>())
        {
            Rewrite(resource);
        }
    }

    private void Rewrite(Base element)
    {
        foreach (var (_, value) in element.EnumerateElements())
        {
            foreach (var child in value is IEnumerable<Base> list ? list : value is Base one ? [one] : [])
            {
                if (child is ResourceReference { Reference: { } target } reference && _references.TryGetValue(target, out var local))
                {
                    reference.Reference = local;
                }

                Rewrite(child);
            }
        }
    }

    public async Task<Bundle.EntryComponent> RunAsync(BundleEntry entry, CancellationToken ct)
    {
        var request = entry.Request;
        var ifMatch = Version(entry.Entry.Request?.IfMatch);
        switch (request.Method)
        {
            case Bundle.HTTPVerb.GET:
                return await ReadAsync(request, ct);
            case Bundle.HTTPVerb.DELETE:
                var id = request.Id ?? (request.Query is { } criteria
                    ? (await ConditionalWrites.MatchesAsync(request.Type, criteria, http, store, "delete", ct)).FirstOrDefault()
                    : throw FhirHttpException.BadRequest("A DELETE entry needs Type/id or Type?criteria."));
                if (id is not null && !await store.DeleteAsync(request.Type, id, ct, ifMatch) && request.Query is null)
                {
                    throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{request.Type}/{id} is not known to this server.");
                }

                return new Bundle.EntryComponent { Response = new Bundle.ResponseComponent { Status = BundleEndpoints.Status(StatusCodes.Status204NoContent) } };
            default:
                return await WriteAsync(entry, ifMatch, ct);
        }
    }

    private async Task<Bundle.EntryComponent> WriteAsync(BundleEntry entry, int? ifMatch, CancellationToken ct)
    {
        var request = entry.Request;
        var resource = entry.Entry.Resource ?? throw FhirHttpException.BadRequest($"A {request.Method} entry needs a resource.");
        if (resource.TypeName != request.Type)
        {
            throw FhirHttpException.BadRequest($"The entry's url names {request.Type}, but its resource is a {resource.TypeName}.");
        }

        if (resource is IVersionableConformanceResource { Url: null or "" } && request.Type != "NamingSystem")
        {
            throw FhirHttpException.BadRequest($"A {request.Type} needs a canonical url.");
        }

        if (request.Method == Bundle.HTTPVerb.POST)
        {
            if (entry.Entry.Request?.IfNoneExist is { Length: > 0 } criteria
                && await ConditionalWrites.MatchesAsync(request.Type, criteria, http, store, "create", ct) is [var existing])
            {
                var current = await store.ReadAsync(request.Type, existing, ct: ct);
                return Response(current!, StatusCodes.Status200OK);
            }

            resource.Id ??= Guid.NewGuid().ToString("N");
        }
        else if (request.Id is { } id)
        {
            if (resource.Id is { } bodyId && bodyId != id)
            {
                throw FhirHttpException.BadRequest($"The id in the resource ('{bodyId}') does not match the entry's url ('{request.Url}').");
            }

            resource.Id = id;
        }
        else
        {
            var matches = await ConditionalWrites.MatchesAsync(request.Type, request.Query ?? "", http, store, "update", ct);
            resource.Id = matches is [var m] ? m : resource.Id ?? Guid.NewGuid().ToString("N");
        }

        WriteOutcome outcome;
        try
        {
            outcome = (await store.SaveAllAsync([new ResourceWrite(resource, ifMatch)], ct))[0];
        }
        catch (ResourceVersionConflictException e) when (e.ExpectedVersionMismatch)
        {
            throw new FhirHttpException(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.Conflict, $"ifMatch W/\"{ifMatch}\" does not hold: {e.Message}");
        }

        return Response(resource, outcome == WriteOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private async Task<Bundle.EntryComponent> ReadAsync(BundleRequest request, CancellationToken ct)
    {
        if (request.Id is null || request.Query is not null)
        {
            throw new FhirHttpException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                "A GET entry may read (Type/id) or vread (Type/id/_history/vid); searches are not supported in a Bundle.");
        }

        var resource = await store.ReadAsync(request.Type, request.Id, ct: ct);
        if (request.Version is { } vid && resource?.Meta?.VersionId != vid)
        {
            var old = int.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? await ResourceHistory.ReadVersionAsync(db, request.Type, request.Id, v, ct)
                : null;
            resource = old?.Resource;
        }

        return resource is null
            ? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{request.Url} is not known to this server.")
            : Response(resource, StatusCodes.Status200OK);
    }

    private Bundle.EntryComponent Response(Resource resource, int status) => new()
    {
        FullUrl = $"{ResourceEndpoints.FhirBase(http)}/{resource.TypeName}/{resource.Id}",
        Resource = resource,
        Response = new Bundle.ResponseComponent
        {
            Status = BundleEndpoints.Status(status),
            Location = status == StatusCodes.Status201Created ? $"{resource.TypeName}/{resource.Id}/_history/{resource.Meta?.VersionId}" : null,
            Etag = resource.Meta?.VersionId is { } vid ? $"W/\"{vid}\"" : null,
            LastModified = resource.Meta?.LastUpdated,
        },
    };

    private static int? Version(string? etag)
    {
        if (string.IsNullOrWhiteSpace(etag))
        {
            return null;
        }

        var tag = etag.Trim();
        tag = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
        return int.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw FhirHttpException.BadRequest($"ifMatch '{etag}' is not a version ETag; use W/\"N\".");
    }
}
