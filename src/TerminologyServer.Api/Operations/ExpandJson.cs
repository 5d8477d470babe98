using System.Text.Json;
using Hl7.Fhir.Model;

namespace TerminologyServer.Api.Operations;

/// <summary>
/// Writes an <c>$expand</c> answer as JSON, byte for byte what Firely writes for the same <see cref="ValueSet"/>:
/// the value set without its <c>expansion.contains</c> (identification, expansion header and parameters: small, and
/// every field of it possible) goes through Firely once, and the members, which were nearly all of the work of a big
/// expansion, are written directly in Firely's element order (<c>system</c>, <c>abstract</c>, <c>inactive</c>,
/// <c>version</c>, <c>code</c>, <c>display</c>, <c>contains</c>). Members with anything else (designations,
/// extensions, element ids) are left to Firely: <see cref="CanWrite"/> says false for them.
/// </summary>
public static class ExpandJson
{
    private static readonly JsonEncodedText Contains = JsonEncodedText.Encode("contains");
    private static readonly JsonEncodedText SystemName = JsonEncodedText.Encode("system");
    private static readonly JsonEncodedText Abstract = JsonEncodedText.Encode("abstract");
    private static readonly JsonEncodedText Inactive = JsonEncodedText.Encode("inactive");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Display = JsonEncodedText.Encode("display");
    private static readonly byte[] ContainsStart = "\"contains\":"u8.ToArray();

    /// <summary>True when every member (nested ones included) has only the elements this writer writes.</summary>
    public static bool CanWrite(ValueSet valueSet) =>
        valueSet.Expansion is { Contains.Count: > 0 } expansion && AllSimple(expansion.Contains);

    private static bool AllSimple(List<ValueSet.ContainsComponent> members)
    {
        foreach (var c in members)
        {
            if (c.ElementId is not null || c.Extension.Count > 0 || c.ModifierExtension.Count > 0 || c.Designation.Count > 0
                || HasExtras(c.SystemElement) || HasExtras(c.VersionElement) || HasExtras(c.CodeElement) || HasExtras(c.DisplayElement)
                || c.System is "" || c.Version is "" || c.Code is "" || c.Display is ""
                || HasExtras(c.AbstractElement) || HasExtras(c.InactiveElement) || (c.Contains.Count > 0 && !AllSimple(c.Contains)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasExtras(PrimitiveType? p) => p is not null && (p.ElementId is not null || p.Extension.Count > 0);

    /// <summary>
    /// The compact JSON of <paramref name="valueSet"/> without its members, split where the members go: the bytes
    /// before <c>"contains":[...]</c> (ending with the comma that precedes it) and after it. Null when Firely's
    /// output does not end as the element order says (then the caller serializes the whole value set with Firely).
    /// </summary>
    public static (ReadOnlyMemory<byte> Head, ReadOnlyMemory<byte> Tail)? Shell(ValueSet valueSet, JsonSerializerOptions options)
    {
        var expansion = valueSet.Expansion ?? throw new ArgumentException("The value set has no expansion.", nameof(valueSet));
        var members = expansion.Contains;
        expansion.Contains = [];
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(valueSet, options);
        }
        finally
        {
            expansion.Contains = members;
        }

        // `contains` is the last element of the expansion, and `expansion` the last of ValueSet: "...}}".
        if (json.Length < 3 || json[^1] != (byte)'}' || json[^2] != (byte)'}' || json[^3] == (byte)'{')
        {
            return null;
        }

        var head = new byte[json.Length - 2 + 1 + ContainsStart.Length];
        json.AsSpan(0, json.Length - 2).CopyTo(head);
        head[json.Length - 2] = (byte)',';
        ContainsStart.CopyTo(head.AsSpan(json.Length - 1));
        return (head, "}}"u8.ToArray());
    }

    /// <summary>Writes one member (and its nested members) as Firely would.</summary>
    public static void WriteMember(Utf8JsonWriter w, ValueSet.ContainsComponent c)
    {
        w.WriteStartObject();
        if (c.System is { } system)
        {
            w.WriteString(SystemName, system);
        }

        if (c.Abstract is { } isAbstract)
        {
            w.WriteBoolean(Abstract, isAbstract);
        }

        if (c.Inactive is { } inactive)
        {
            w.WriteBoolean(Inactive, inactive);
        }

        if (c.Version is { } version)
        {
            w.WriteString(Version, version);
        }

        if (c.Code is { } code)
        {
            w.WriteString(Code, code);
        }

        if (c.Display is { } display)
        {
            w.WriteString(Display, display);
        }

        if (c.Contains.Count > 0)
        {
            w.WriteStartArray(Contains);
            foreach (var child in c.Contains)
            {
                WriteMember(w, child);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
