using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace TerminologyServer.Storage;

/// <summary>Shared Firely System.Text.Json options: one strict set for client input, one lenient set for stored JSON.</summary>
public static class FhirJson
{
    public static readonly JsonSerializerOptions Strict = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static readonly JsonSerializerOptions Lenient = new JsonSerializerOptions()
        .ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Recoverable);

    public static readonly JsonSerializerOptions Pretty = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).Pretty();

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Strict);

    public static T Deserialize<T>(string json) where T : Resource =>
        JsonSerializer.Deserialize<T>(json, Lenient) ?? throw new InvalidOperationException("Stored resource is empty.");

    /// <summary>SHA-256 (hex) of the resource without its meta: equal hashes mean the same content.</summary>
    public static string ContentHash(Resource resource)
    {
        var meta = resource.Meta;
        resource.Meta = null;
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(resource, Strict);
            return Convert.ToHexString(SHA256.HashData(bytes));
        }
        finally
        {
            resource.Meta = meta;
        }
    }
}
