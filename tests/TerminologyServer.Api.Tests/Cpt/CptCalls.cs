using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Cpt;

/// <summary>The CPT operations the CPT tests send, through HTTP, and what they read from the answers.</summary>
public static class CptCalls
{
    public const string System = "http://www.ama-assn.org/go/cpt";
    public const string Base = "http://terminology.hl7.org/ValueSet/cpt-base";
    public const string Modifiers = "http://terminology.hl7.org/ValueSet/cpt-modifiers";
    public const string Usable = "http://terminology.hl7.org/ValueSet/cpt-usable";
    public const string All = "http://hl7.org/fhir/ValueSet/cpt-all";
    public const string Implicit = System + "?fhir_vs";

    /// <summary>CodeSystem/$validate-code of one code.</summary>
    public static async Task<Parameters> ValidateAsync(HttpClient client, string code, string? display = null)
    {
        var url = $"/fhir/CodeSystem/$validate-code?url={System}&code={Uri.EscapeDataString(code)}"
            + (display is null ? "" : $"&display={Uri.EscapeDataString(display)}");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Wire.ReadAsync<Parameters>(response);
    }

    /// <summary>ValueSet/$validate-code of one code against a value set by url.</summary>
    public static async Task<Parameters> ValidateInAsync(HttpClient client, string valueSet, string code)
    {
        var response = await client.GetAsync($"/fhir/ValueSet/$validate-code?url={Uri.EscapeDataString(valueSet)}&system={System}&code={Uri.EscapeDataString(code)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Wire.ReadAsync<Parameters>(response);
    }

    /// <summary>ValueSet/$expand of a stored value set by url, every code (paged by <paramref name="count"/> when given).</summary>
    public static async Task<ValueSet> ExpandAsync(HttpClient client, string valueSet, string? filter = null, int? count = null)
    {
        var url = $"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(valueSet)}"
            + (filter is null ? "" : $"&filter={Uri.EscapeDataString(filter)}")
            + (count is null ? "" : $"&count={count}");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Wire.ReadAsync<ValueSet>(response);
    }

    /// <summary>POST $expand of an inline value set: all of CPT with the given filters (property, op, value triples).</summary>
    public static Task<HttpResponseMessage> ExpandFilteredAsync(HttpClient client, string? text, params (string Property, string Op, string Value)[] filters) =>
        ExpandFilteredAsync(client, text, null, null, filters);

    private static async Task<HttpResponseMessage> ExpandFilteredAsync(
        HttpClient client, string? text, int? offset, int? count, (string Property, string Op, string Value)[] filters)
    {
        var include = new ValueSet.ConceptSetComponent { System = System };
        foreach (var (property, op, value) in filters)
        {
            include.Filter.Add(new ValueSet.FilterComponent { Property = property, Op = EnumUtility.ParseLiteral<FilterOperator>(op), Value = value });
        }

        var vs = new ValueSet { Status = PublicationStatus.Active, Compose = new() { Include = [include] } };
        var body = new Parameters { Parameter = [new() { Name = "valueSet", Resource = vs }] };
        if (text is not null)
        {
            body.Add("filter", new FhirString(text));
        }

        if (count is not null)
        {
            body.Add("offset", new Integer(offset ?? 0));
            body.Add("count", new Integer(count));
        }

        return await client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(body));
    }

    /// <summary>Every code of the filtered expansion, read page by page (a full-size CPT is larger than one unpaged expansion may be).</summary>
    public static async Task<List<string>> CodesAsync(HttpClient client, string? text, params (string Property, string Op, string Value)[] filters)
    {
        var codes = new List<string>();
        while (true)
        {
            var response = await ExpandFilteredAsync(client, text, codes.Count, PageSize, filters);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Wire.ReadAsync<ValueSet>(response);
            codes.AddRange(page.Expansion.Contains.Select(c => c.Code!));
            if (page.Expansion.Contains.Count < PageSize)
            {
                return codes.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Every code of a stored value set, read page by page.</summary>
    public static async Task<List<string>> AllCodesAsync(HttpClient client, string valueSet)
    {
        var codes = new List<string>();
        while (true)
        {
            var response = await client.GetAsync($"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(valueSet)}&offset={codes.Count}&count={PageSize}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Wire.ReadAsync<ValueSet>(response);
            codes.AddRange(page.Expansion.Contains.Select(c => c.Code!));
            if (page.Expansion.Contains.Count < PageSize)
            {
                return codes.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    private const int PageSize = 5000;

    public static List<string> Codes(ValueSet vs) => vs.Expansion.Contains.Select(c => c.Code!).Order(StringComparer.Ordinal).ToList();

    public static bool Result(this Parameters p) => p.Value("result") == "true";

    /// <summary>The message ids of the issues of a $validate-code answer, with their severity.</summary>
    public static List<(string Id, OperationOutcome.IssueSeverity? Severity)> IssueIds(this Parameters p) =>
        (p.GetSingle("issues")?.Resource as OperationOutcome)?.Issue
            .Select(i => (i.GetExtensionValue<FhirString>("http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id")?.Value ?? "", i.Severity))
            .ToList() ?? [];
}
