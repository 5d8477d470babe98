using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;

namespace TerminologyServer.Api.Operations;

/// <summary>
/// The parameters of one operation call, whether sent as a GET query string or a POST Parameters body, so that
/// both bind to the same typed request. Query values are strings; a Coding in a query is <c>system|code</c>.
/// </summary>
public sealed class OperationInput
{
    private static readonly HashSet<string> HttpControl = new(StringComparer.Ordinal) { "_format", "_pretty", "_summary", "_elements" };

    private readonly List<(string Name, DataType? Value, Resource? Resource)> _items = [];

    public static OperationInput FromQuery(IQueryCollection query)
    {
        var input = new OperationInput();
        foreach (var (name, values) in query)
        {
            if (HttpControl.Contains(name))
            {
                continue;
            }

            foreach (var v in values)
            {
                input._items.Add((name, new FhirString(v), null));
            }
        }

        return input;
    }

    public static OperationInput FromParameters(Parameters parameters)
    {
        var input = new OperationInput();
        foreach (var p in parameters.Parameter)
        {
            if (string.IsNullOrEmpty(p.Name))
            {
                throw FhirHttpException.BadRequest("Every Parameters.parameter needs a name.");
            }

            input._items.Add((p.Name, p.Value, p.Resource));
        }

        return input;
    }

    public IEnumerable<string> Names => _items.Select(i => i.Name).Distinct();

    public bool Has(string name) => _items.Any(i => i.Name == name);

    /// <summary>A single string-like value (string, code, uri, canonical, id…); a wrong type is a 400.</summary>
    public string? String(string name)
    {
        var values = Strings(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw FhirHttpException.BadRequest($"The parameter '{name}' may appear only once."),
        };
    }

    public IReadOnlyList<string> Strings(string name)
    {
        var result = new List<string>();
        foreach (var (n, value, resource) in _items)
        {
            if (n != name)
            {
                continue;
            }

            if (value is PrimitiveType { } primitive && value is not FhirBoolean and not Hl7.Fhir.Model.Integer and not FhirDecimal && primitive.ToString() is { Length: > 0 } s)
            {
                result.Add(s);
            }
            else if (value is not null || resource is not null)
            {
                throw FhirHttpException.BadRequest($"The parameter '{name}' must be a string-like value, not a {value?.TypeName ?? resource!.TypeName}.");
            }
        }

        return result;
    }

    public bool? Boolean(string name)
    {
        var (value, _) = Single(name);
        return value switch
        {
            null => null,
            // JSON clients sometimes send "valueBoolean": "false"; lenient parsing keeps the raw string.
            FhirBoolean b => b.JsonValue switch
            {
                bool v => v,
                "true" => true,
                "false" => false,
                _ => throw FhirHttpException.BadRequest($"The parameter '{name}' must be a boolean (true or false)."),
            },
            FhirString s when s.Value is "true" or "false" => s.Value == "true",
            _ => throw FhirHttpException.BadRequest($"The parameter '{name}' must be a boolean (true or false)."),
        };
    }

    public int? Integer(string name)
    {
        var (value, _) = Single(name);
        return value switch
        {
            null => null,
            Hl7.Fhir.Model.Integer i => i.Value,
            FhirString s when int.TryParse(s.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => throw FhirHttpException.BadRequest($"The parameter '{name}' must be a non-negative integer."),
        };
    }

    /// <summary>A Coding; from a query string it is written <c>system|code</c> (or <c>system|version|code</c>).</summary>
    public Coding? Coding(string name)
    {
        var (value, _) = Single(name);
        return value switch
        {
            null => null,
            Hl7.Fhir.Model.Coding c => c,
            FhirString s => ParseCoding(name, s.Value),
            _ => throw FhirHttpException.BadRequest($"The parameter '{name}' must be a Coding."),
        };
    }

    /// <summary>Every Coding given under <paramref name="name"/> (a repeating parameter), in order.</summary>
    public IReadOnlyList<Coding> Codings(string name)
    {
        var result = new List<Coding>();
        foreach (var (n, value, resource) in _items)
        {
            if (n != name)
            {
                continue;
            }

            result.Add(value switch
            {
                Hl7.Fhir.Model.Coding c => c,
                FhirString s => ParseCoding(name, s.Value),
                _ => throw FhirHttpException.BadRequest($"The parameter '{name}' must be a Coding, not a {value?.TypeName ?? resource?.TypeName ?? "parameter without a value"}."),
            });
        }

        return result;
    }

    public CodeableConcept? CodeableConcept(string name)
    {
        var (value, _) = Single(name);
        return value switch
        {
            null => null,
            Hl7.Fhir.Model.CodeableConcept c => c,
            _ => throw FhirHttpException.BadRequest($"The parameter '{name}' must be a CodeableConcept (send it in a POST Parameters body)."),
        };
    }

    public Resource? Resource(string name) => Resources(name).SingleOrDefault();

    public IReadOnlyList<Resource> Resources(string name)
    {
        var result = new List<Resource>();
        foreach (var (n, value, resource) in _items)
        {
            if (n != name)
            {
                continue;
            }

            result.Add(resource ?? throw FhirHttpException.BadRequest($"The parameter '{name}' must carry a resource (send it in a POST Parameters body)."));
        }

        return result;
    }

    private (DataType? Value, Resource? Resource) Single(string name)
    {
        (DataType?, Resource?) found = (null, null);
        var count = 0;
        foreach (var (n, value, resource) in _items)
        {
            if (n == name)
            {
                found = (value, resource);
                count++;
            }
        }

        return count > 1 ? throw FhirHttpException.BadRequest($"The parameter '{name}' may appear only once.") : found;
    }

    private static Coding ParseCoding(string name, string? text)
    {
        var parts = (text ?? "").Split('|');
        return parts.Length switch
        {
            2 => new Coding(parts[0], parts[1]),
            3 => new Coding(parts[0], parts[2]) { Version = parts[1] },
            _ => throw FhirHttpException.BadRequest($"The parameter '{name}' must be written system|code in a query string."),
        };
    }
}
