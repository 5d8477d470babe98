using System.Globalization;
using System.Text.Json;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;

namespace TerminologyServer.Api.Operations;

/// <summary>
/// Writes the <c>$lookup</c> output Parameters straight to JSON, byte for byte what Firely writes for
/// <see cref="LookupParameters.ToParameters"/> (same element order, value[x] names and escaping), without
/// building the POCO tree first. Building and serializing that tree was most of the CPU time of a
/// <c>$lookup</c> (docs/performance.md); XML still goes through Firely.
/// </summary>
public static class LookupJson
{
    private static readonly JsonEncodedText ResourceType = JsonEncodedText.Encode("resourceType");
    private static readonly JsonEncodedText ParametersType = JsonEncodedText.Encode("Parameters");
    private static readonly JsonEncodedText Parameter = JsonEncodedText.Encode("parameter");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Part = JsonEncodedText.Encode("part");
    private static readonly JsonEncodedText ValueString = JsonEncodedText.Encode("valueString");
    private static readonly JsonEncodedText ValueCode = JsonEncodedText.Encode("valueCode");
    private static readonly JsonEncodedText ValueBoolean = JsonEncodedText.Encode("valueBoolean");
    private static readonly JsonEncodedText ValueInteger = JsonEncodedText.Encode("valueInteger");
    private static readonly JsonEncodedText ValueDecimal = JsonEncodedText.Encode("valueDecimal");
    private static readonly JsonEncodedText ValueDateTime = JsonEncodedText.Encode("valueDateTime");
    private static readonly JsonEncodedText ValueUri = JsonEncodedText.Encode("valueUri");
    private static readonly JsonEncodedText ValueCoding = JsonEncodedText.Encode("valueCoding");
    private static readonly JsonEncodedText System = JsonEncodedText.Encode("system");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Display = JsonEncodedText.Encode("display");

    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Definition = JsonEncodedText.Encode("definition");
    private static readonly JsonEncodedText Abstract = JsonEncodedText.Encode("abstract");
    private static readonly JsonEncodedText DesignationName = JsonEncodedText.Encode("designation");
    private static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
    private static readonly JsonEncodedText Use = JsonEncodedText.Encode("use");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText PropertyName = JsonEncodedText.Encode("property");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText CodeDisplay = JsonEncodedText.Encode("code-display");

    /// <summary>Writer options matching what <see cref="JsonSerializer"/> derives from <paramref name="options"/>.</summary>
    public static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
    };

    /// <summary>Writes the output Parameters of <paramref name="result"/>; see <see cref="LookupParameters.ToParameters"/> for the order.</summary>
    public static void Write(Utf8JsonWriter w, LookupResult result)
    {
        w.WriteStartObject();
        w.WriteString(ResourceType, ParametersType);
        w.WriteStartArray(Parameter);

        StringParameter(w, Name, result.Name);
        if (result.Code is not null)
        {
            w.WriteStartObject();
            w.WriteString(Name, CodeName);
            w.WriteString(ValueCode, result.Code);
            w.WriteEndObject();
        }

        if (result.System is not null)
        {
            w.WriteStartObject();
            w.WriteString(Name, System);
            w.WriteString(ValueUri, result.System);
            w.WriteEndObject();
        }

        if (result.Version is not null)
        {
            StringParameter(w, Version, result.Version);
        }

        if (result.Display is not null)
        {
            StringParameter(w, Display, result.Display);
        }

        if (result.Definition is not null)
        {
            StringParameter(w, Definition, result.Definition);
        }

        if (result.Abstract)
        {
            w.WriteStartObject();
            w.WriteString(Name, Abstract);
            w.WriteBoolean(ValueBoolean, true);
            w.WriteEndObject();
        }

        if (result.DisplayDesignation is { } displayDesignation)
        {
            Designation(w, displayDesignation);
        }

        foreach (var d in result.Designations)
        {
            Designation(w, d);
        }

        foreach (var p in result.Properties)
        {
            StartParts(w, PropertyName);
            PartStart(w, CodeName);
            w.WriteString(ValueCode, p.Code);
            w.WriteEndObject();
            if (p.CodeDisplay is not null)
            {
                PartStart(w, CodeDisplay);
                w.WriteString(ValueString, p.CodeDisplay);
                w.WriteEndObject();
            }

            PartStart(w, Value);
            PropertyValue(w, p.Value);
            w.WriteEndObject();
            if (p.Description is not null)
            {
                PartStart(w, Description);
                w.WriteString(ValueString, p.Description);
                w.WriteEndObject();
            }

            EndParts(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Designation(Utf8JsonWriter w, Designation d)
    {
        StartParts(w, DesignationName);
        if (d.Language is not null)
        {
            PartStart(w, Language);
            w.WriteString(ValueCode, d.Language);
            w.WriteEndObject();
        }

        if (d.Use is not null)
        {
            PartStart(w, Use);
            Coding(w, d.Use.System, d.Use.Code, d.Use.Display);
            w.WriteEndObject();
        }

        PartStart(w, Value);
        WriteText(w, ValueString, d.Value);
        w.WriteEndObject();
        EndParts(w);
    }

    /// <summary>The value[x] of one property, typed as <see cref="PropertyValues.ToFhir"/> types it.</summary>
    private static void PropertyValue(Utf8JsonWriter w, PropertyValue v)
    {
        switch (v.Type)
        {
            case PropertyType.Code:
                w.WriteString(ValueCode, v.Value);
                break;
            case PropertyType.Coding:
                Coding(w, v.System, v.Value, v.Display);
                break;
            case PropertyType.Integer:
                w.WriteNumber(ValueInteger, int.Parse(v.Value, CultureInfo.InvariantCulture));
                break;
            case PropertyType.Boolean:
                w.WriteBoolean(ValueBoolean, v.Value == "true");
                break;
            case PropertyType.DateTime:
                w.WriteString(ValueDateTime, v.Value);
                break;
            case PropertyType.Decimal:
                w.WriteNumber(ValueDecimal, decimal.Parse(v.Value, CultureInfo.InvariantCulture));
                break;
            default:
                WriteText(w, ValueString, v.Value);
                break;
        }
    }

    private static void Coding(Utf8JsonWriter w, string? system, string? code, string? display)
    {
        w.WriteStartObject(ValueCoding);
        if (system is not null)
        {
            w.WriteString(System, system);
        }

        if (code is not null)
        {
            w.WriteString(CodeName, code);
        }

        if (display is not null)
        {
            w.WriteString(Display, display);
        }

        w.WriteEndObject();
    }

    // Long texts (a procedure narrative is several KB) are escaped once per string instance, not on every request:
    // escaping is character by character once a character needs it, and the index's strings live as long as it does.
    private const int LongText = 256;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, System.Runtime.CompilerServices.StrongBox<JsonEncodedText>> Encoded = new();

    /// <summary>Writes a string value, from the escaped-once cache when it is long; same bytes either way.</summary>
    private static void WriteText(Utf8JsonWriter w, JsonEncodedText name, string value)
    {
        if (value.Length < LongText)
        {
            w.WriteString(name, value);
            return;
        }

        w.WriteString(name, Encoded.GetValue(value, v => new(JsonEncodedText.Encode(v, TerminologyServer.Storage.FhirJson.Strict.Encoder))).Value);
    }

    private static void StringParameter(Utf8JsonWriter w, JsonEncodedText name, string value)
    {
        w.WriteStartObject();
        w.WriteString(Name, name);
        WriteText(w, ValueString, value);
        w.WriteEndObject();
    }

    private static void StartParts(Utf8JsonWriter w, JsonEncodedText name)
    {
        w.WriteStartObject();
        w.WriteString(Name, name);
        w.WriteStartArray(Part);
    }

    private static void EndParts(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void PartStart(Utf8JsonWriter w, JsonEncodedText name)
    {
        w.WriteStartObject();
        w.WriteString(Name, name);
    }
}
