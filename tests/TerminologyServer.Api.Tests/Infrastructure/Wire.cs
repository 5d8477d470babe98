using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Infrastructure;

/// <summary>Helpers to send and read FHIR resources in tests.</summary>
public static class Wire
{
    public const string Json = "application/fhir+json", Xml = "application/fhir+xml";

    public static StringContent JsonBody(Resource resource) => new(FhirJson.Serialize(resource), Encoding.UTF8, Json);

    public static StringContent XmlBody(Resource resource) => new(new FhirXmlSerializer().SerializeToString(resource), Encoding.UTF8, Xml);

    public static StringContent Raw(string body, string mediaType) => new(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(mediaType).MediaType!);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : Resource
    {
        var text = await response.Content.ReadAsStringAsync();
        var media = response.Content.Headers.ContentType?.MediaType ?? "";
        Resource resource = media.Contains("xml")
            ? new FhirXmlDeserializer().Deserialize<Resource>(text)
            : JsonSerializer.Deserialize<Resource>(text, FhirJson.Strict)!;
        return Assert.IsAssignableFrom<T>(resource);
    }

    public static async Task<OperationOutcome> ReadOutcomeAsync(HttpResponseMessage response) => await ReadAsync<OperationOutcome>(response);

    public static string? Value(this Parameters parameters, string name) => parameters.GetSingle(name)?.Value?.ToString();

    /// <summary>The values of every <c>property</c> part with the given code.</summary>
    public static List<DataType> PropertyValues(this Parameters parameters, string code) =>
        parameters.Parameter.Where(p => p.Name == "property" && p.Part.Any(x => x.Name == "code" && x.Value?.ToString() == code))
            .Select(p => p.Part.First(x => x.Name == "value").Value!)
            .ToList();
}
