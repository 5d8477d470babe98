using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using P = TerminologyServer.Engine.ValueSets.TerminologyParameterNames;

namespace TerminologyServer.Api.Operations;

/// <summary>
/// Writes the <c>$validate-code</c> output Parameters straight to JSON, byte for byte what Firely writes for
/// <see cref="ValidateCodeResult.ToParameters"/> (same order, value[x] names and escaping), as <see cref="LookupJson"/>
/// does for <c>$lookup</c>. The <c>issues</c> OperationOutcome, when there is one, is written by Firely's own
/// converter into the same writer; an answer about a codeableConcept goes through Firely as a whole.
/// </summary>
public static class ValidateCodeJson
{
    private static readonly JsonEncodedText ResourceType = JsonEncodedText.Encode("resourceType");
    private static readonly JsonEncodedText ParametersType = JsonEncodedText.Encode("Parameters");
    private static readonly JsonEncodedText Parameter = JsonEncodedText.Encode("parameter");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText ResourceName = JsonEncodedText.Encode("resource");
    private static readonly JsonEncodedText ValueString = JsonEncodedText.Encode("valueString");
    private static readonly JsonEncodedText ValueCode = JsonEncodedText.Encode("valueCode");
    private static readonly JsonEncodedText ValueBoolean = JsonEncodedText.Encode("valueBoolean");
    private static readonly JsonEncodedText ValueUri = JsonEncodedText.Encode("valueUri");
    private static readonly JsonEncodedText ValueCanonical = JsonEncodedText.Encode("valueCanonical");

    private static readonly JsonEncodedText Code = JsonEncodedText.Encode(P.Code);
    private static readonly JsonEncodedText Display = JsonEncodedText.Encode(P.Display);
    private static readonly JsonEncodedText Inactive = JsonEncodedText.Encode(P.Inactive);
    private static readonly JsonEncodedText Issues = JsonEncodedText.Encode(P.Issues);
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode(P.Message);
    private static readonly JsonEncodedText Result = JsonEncodedText.Encode(P.Result);
    private static readonly JsonEncodedText NormalizedCode = JsonEncodedText.Encode("normalized-code");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode(P.Status);
    private static readonly JsonEncodedText System = JsonEncodedText.Encode(P.System);
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode(P.Version);
    private static readonly JsonEncodedText CausedByUnknownSystem = JsonEncodedText.Encode("x-caused-by-unknown-system");
    private static readonly JsonEncodedText UnknownSystem = JsonEncodedText.Encode("x-unknown-system");

    /// <summary>False for an answer this writer leaves to Firely (one about a codeableConcept).</summary>
    public static bool CanWrite(ValidateCodeResult result) => result.CodeableConcept is null;

    /// <summary>Writes the output Parameters of <paramref name="result"/>; <paramref name="options"/> serialize the issues.</summary>
    public static void Write(Utf8JsonWriter w, ValidateCodeResult result, JsonSerializerOptions options)
    {
        if (!CanWrite(result))
        {
            throw new InvalidOperationException("An answer about a codeableConcept is written by Firely.");
        }

        w.WriteStartObject();
        w.WriteString(ResourceType, ParametersType);
        w.WriteStartArray(Parameter);
        Optional(w, Code, ValueCode, result.Code);
        Optional(w, Display, ValueString, result.Display);
        if (result.Inactive is { } inactive)
        {
            BooleanParameter(w, Inactive, inactive);
        }

        if (result.Issues is { Issue.Count: > 0 } issues)
        {
            w.WriteStartObject();
            w.WriteString(Name, Issues);
            w.WritePropertyName(ResourceName);
            JsonSerializer.Serialize<Resource>(w, issues, options);
            w.WriteEndObject();
        }

        Optional(w, Message, ValueString, result.Message);
        BooleanParameter(w, Result, result.Result);
        Optional(w, NormalizedCode, ValueCode, result.NormalizedCode);
        Optional(w, Status, ValueCode, result.Status);
        Optional(w, System, ValueUri, result.System);
        Optional(w, Version, ValueString, result.Version);
        foreach (var s in result.CausedByUnknownSystems)
        {
            Optional(w, CausedByUnknownSystem, ValueCanonical, s);
        }

        foreach (var s in result.UnknownSystems)
        {
            Optional(w, UnknownSystem, ValueCanonical, s);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, JsonEncodedText name, JsonEncodedText type, string? value)
    {
        if (value is null)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString(Name, name);
        w.WriteString(type, value);
        w.WriteEndObject();
    }

    private static void BooleanParameter(Utf8JsonWriter w, JsonEncodedText name, bool value)
    {
        w.WriteStartObject();
        w.WriteString(Name, name);
        w.WriteBoolean(ValueBoolean, value);
        w.WriteEndObject();
    }
}
