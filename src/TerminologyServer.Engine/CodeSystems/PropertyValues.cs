using System.Globalization;
using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>Conversions between FHIR property values and <see cref="PropertyValue"/>.</summary>
public static class PropertyValues
{
    public static PropertyType ParseType(string? type) => type switch
    {
        "code" => PropertyType.Code,
        "Coding" => PropertyType.Coding,
        "string" => PropertyType.String,
        "integer" => PropertyType.Integer,
        "boolean" => PropertyType.Boolean,
        "dateTime" => PropertyType.DateTime,
        "decimal" => PropertyType.Decimal,
        _ => PropertyType.String,
    };

    public static string TypeName(PropertyType type) => type switch
    {
        PropertyType.Code => "code",
        PropertyType.Coding => "Coding",
        PropertyType.String => "string",
        PropertyType.Integer => "integer",
        PropertyType.Boolean => "boolean",
        PropertyType.DateTime => "dateTime",
        PropertyType.Decimal => "decimal",
        _ => "string",
    };

    public static PropertyValue? FromFhir(string code, DataType? value) => value switch
    {
        Code c when c.Value is not null => new(code, PropertyType.Code, c.Value),
        Coding c when c.Code is not null => new(code, PropertyType.Coding, c.Code, c.System, c.Display),
        FhirString s when s.Value is not null => new(code, PropertyType.String, s.Value),
        Integer i when i.Value is not null => new(code, PropertyType.Integer, i.Value.Value.ToString(CultureInfo.InvariantCulture)),
        FhirBoolean b when b.Value is not null => new(code, PropertyType.Boolean, b.Value.Value ? "true" : "false"),
        FhirDateTime d when d.Value is not null => new(code, PropertyType.DateTime, d.Value),
        FhirDecimal d when d.Value is not null => new(code, PropertyType.Decimal, d.Value.Value.ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    public static DataType ToFhir(PropertyValue v) => v.Type switch
    {
        PropertyType.Code => new Code(v.Value),
        PropertyType.Coding => new Coding(v.System, v.Value, v.Display),
        PropertyType.Integer => new Integer(int.Parse(v.Value, CultureInfo.InvariantCulture)),
        PropertyType.Boolean => new FhirBoolean(v.Value == "true"),
        PropertyType.DateTime => new FhirDateTime(v.Value),
        PropertyType.Decimal => new FhirDecimal(decimal.Parse(v.Value, CultureInfo.InvariantCulture)),
        _ => new FhirString(v.Value),
    };
}
