using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// Compiles <c>compose.include.filter</c> entries into predicates over a <see cref="CodeSystemIndex"/>:
/// every operator on <c>concept</c> (alias <c>code</c>) and on any property of the code system, checking
/// that the operator fits the property's type. See https://hl7.org/fhir/R4/valueset-definitions.html#ValueSet.compose.include.filter.
/// </summary>
internal static class FilterCompiler
{
    private const string ConceptPropertiesUri = "http://hl7.org/fhir/concept-properties#";

    /// <summary>Which operators each property type supports; anything else is refused as invalid.</summary>
    private static readonly Dictionary<PropertyType, HashSet<string>> OpsByType = new()
    {
        [PropertyType.Code] = [.. FilterOperators.All],
        [PropertyType.Coding] = [.. FilterOperators.All],
        [PropertyType.String] = [FilterOperators.Equal, FilterOperators.In, FilterOperators.NotIn, FilterOperators.Regex, FilterOperators.Exists],
        [PropertyType.Boolean] = [FilterOperators.Equal, FilterOperators.In, FilterOperators.NotIn, FilterOperators.Exists],
        [PropertyType.Integer] = [FilterOperators.Equal, FilterOperators.In, FilterOperators.NotIn, FilterOperators.Exists],
        [PropertyType.Decimal] = [FilterOperators.Equal, FilterOperators.In, FilterOperators.NotIn, FilterOperators.Exists],
        [PropertyType.DateTime] = [FilterOperators.Equal, FilterOperators.In, FilterOperators.NotIn, FilterOperators.Exists],
    };

    /// <summary>Reads the operator literal, including R5 operators carried by the cross-version extension.</summary>
    public static string ReadOperator(ValueSet.FilterComponent filter)
    {
        var op = filter.OpElement?.GetExtensionValue<Code>(TerminologyExtensionUrls.FilterOp)?.Value
            ?? filter.OpElement?.JsonValue as string;
        return string.IsNullOrEmpty(op)
            ? throw TerminologyException.Invalid("FILTER_NO_OP", $"The filter on property '{filter.Property}' has no operator.")
            : op;
    }

    /// <param name="path">Where the filter sits in its value set, to locate errors; null when unknown.</param>
    public static CompiledFilter Compile(CodeSystemIndex cs, ValueSet.FilterComponent filter, TimeSpan regexTimeout, string? path = null)
    {
        var op = ReadOperator(filter);
        if (!FilterOperators.All.Contains(op))
        {
            throw TerminologyException.NotSupported("FILTER_OP_UNKNOWN", $"The filter operator '{op}' is not supported.");
        }

        var property = filter.Property;
        if (string.IsNullOrEmpty(property))
        {
            throw TerminologyException.Invalid("FILTER_NO_PROPERTY", "A value set filter must name a property.");
        }

        var value = filter.Value ?? "";
        if (value.Length == 0 && op != FilterOperators.DescendentLeaf)
        {
            throw new TerminologyException(
                OperationOutcome.IssueType.Invalid,
                "UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE",
                $"The system {cs.Url} filter with property = {property}, op = {op} has no value")
            {
                TxIssueType = "vs-invalid",
                Expression = path is null ? [] : [path],
            };
        }

        if (cs.Behaviour?.CompileFilter(cs, property, op, value) is { } special)
        {
            return special;
        }

        if ((property is "concept" or "code") && !cs.PropertyByCode.ContainsKey(property))
        {
            return CompileConcept(cs, op, value, regexTimeout);
        }

        var (type, values) = ResolveProperty(cs, property);
        if (!OpsByType[type].Contains(op))
        {
            throw TerminologyException.Invalid(
                "FILTER_OP_TYPE",
                $"The filter operator '{op}' cannot be used on the property '{property}' of '{cs.Url}', which has type {PropertyValues.TypeName(type)}.");
        }

        return CompileProperty(cs, property, type, values, op, value, regexTimeout);
    }

    private static CompiledFilter CompileConcept(CodeSystemIndex cs, string op, string value, TimeSpan regexTimeout)
    {
        var comparer = cs.Info.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var target = cs.Find(value);
        switch (op)
        {
            case FilterOperators.Equal:
                return target is null ? CompiledFilter.None : new(c => c.Index == target.Index, () => [target]);
            case FilterOperators.IsA:
                return target is null ? CompiledFilter.None : new(c => cs.Subsumes(target, c), () => cs.Descendants(target).Prepend(target));
            case FilterOperators.DescendentOf:
                return target is null ? CompiledFilter.None : new(c => c.Index != target.Index && cs.Subsumes(target, c), () => cs.Descendants(target));
            case FilterOperators.IsNotA:
                return target is null ? new(_ => true) : new(c => !cs.Subsumes(target, c));
            case FilterOperators.Generalizes:
                return target is null ? CompiledFilter.None : new(c => cs.Subsumes(c, target));
            case FilterOperators.ChildOf:
                return target is null ? CompiledFilter.None : new(c => c.Parents.Contains(target.Index), () => target.Children.Select(i => cs.Concepts[i]));
            case FilterOperators.DescendentLeaf:
                return target is null ? CompiledFilter.None
                    : new(c => c.Children.Length == 0 && c.Index != target.Index && cs.Subsumes(target, c), () => cs.Descendants(target).Where(c => c.Children.Length == 0));
            case FilterOperators.In:
            case FilterOperators.NotIn:
                var set = new HashSet<string>(SplitList(value), comparer);
                return op == FilterOperators.In
                    ? new(c => set.Contains(c.Code), () => set.Select(cs.Find).OfType<Concept>())
                    : new(c => !set.Contains(c.Code));
            case FilterOperators.Regex:
                var regex = BuildRegex(value, regexTimeout);
                return new(c => IsMatch(regex, c.Code));
            case FilterOperators.Exists:
                var exists = ParseBoolean(value, "concept", op);
                return new(_ => exists);
            default:
                throw TerminologyException.NotSupported("FILTER_OP_UNKNOWN", $"The filter operator '{op}' is not supported on 'concept'.");
        }
    }

    private static CompiledFilter CompileProperty(
        CodeSystemIndex cs, string property, PropertyType type, Func<Concept, IEnumerable<PropertyValue>> values,
        string op, string value, TimeSpan regexTimeout)
    {
        if (op == FilterOperators.Exists)
        {
            var exists = ParseBoolean(value, property, op);
            return new(c => values(c).Any() == exists);
        }

        if (FilterOperators.IsHierarchical(op))
        {
            // A code-valued property names concepts of the same code system (e.g. SNOMED attributes), so the
            // hierarchical operators test the value against the code system's hierarchy.
            var target = cs.Find(value);
            if (target is null)
            {
                return op == FilterOperators.IsNotA ? new(_ => true) : CompiledFilter.None;
            }

            Func<Concept, bool> test = op switch
            {
                FilterOperators.IsA => v => cs.Subsumes(target, v),
                FilterOperators.DescendentOf => v => v.Index != target.Index && cs.Subsumes(target, v),
                FilterOperators.Generalizes => v => cs.Subsumes(v, target),
                FilterOperators.ChildOf => v => v.Parents.Contains(target.Index),
                FilterOperators.DescendentLeaf => v => v.Children.Length == 0 && v.Index != target.Index && cs.Subsumes(target, v),
                _ => v => cs.Subsumes(target, v),
            };
            bool AnyValue(Concept c) => values(c).Any(v => (v.System is null || v.System == cs.Url) && cs.Find(v.Value) is { } vc && test(vc));
            return op == FilterOperators.IsNotA ? new(c => !AnyValue(c)) : new(AnyValue);
        }

        if (op == FilterOperators.Regex)
        {
            var regex = BuildRegex(value, regexTimeout);
            return new(c => values(c).Any(v => IsMatch(regex, v.Value)));
        }

        var wanted = (op == FilterOperators.Equal ? [value] : SplitList(value))
            .Select(w => Normalize(type, w, property, op))
            .ToHashSet(StringComparer.Ordinal);
        bool Has(Concept c) => values(c).Any(v => wanted.Contains(NormalizeStored(type, v.Value)));
        return op == FilterOperators.NotIn ? new(c => !Has(c)) : new(Has);
    }

    /// <summary>
    /// The type of a property and how to read its values. Besides declared properties, the hierarchy
    /// (<c>parent</c>, <c>child</c>), the status flags the index computes and <c>display</c> can be filtered on.
    /// </summary>
    private static (PropertyType Type, Func<Concept, IEnumerable<PropertyValue>> Values) ResolveProperty(CodeSystemIndex cs, string property)
    {
        if (cs.PropertyByCode.TryGetValue(property, out var definition))
        {
            return property switch
            {
                "parent" => (definition.Type, c => c.PropertiesNamed(property).Concat(Codes(cs, property, c.Parents))),
                "child" => (definition.Type, c => c.PropertiesNamed(property).Concat(Codes(cs, property, c.Children))),
                _ => (definition.Type, c => c.PropertiesNamed(property)),
            };
        }

        // A property declared under another code but with the standard concept-properties uri (e.g. "not-selectable").
        var byUri = cs.Properties.FirstOrDefault(p => p.Uri == ConceptPropertiesUri + property);
        if (byUri is not null)
        {
            return (byUri.Type, c => c.PropertiesNamed(byUri.Code));
        }

        // The index computes inactive from status too, so it is the reliable source for that property.
        if (property == "inactive")
        {
            return (PropertyType.Boolean, c => [new PropertyValue(property, PropertyType.Boolean, c.IsInactive ? "true" : "false")]);
        }

        // Values stated on concepts without a declaration: their own type, and a concept without one does not match.
        var sample = cs.Concepts.SelectMany(c => c.PropertiesNamed(property)).FirstOrDefault();
        if (sample is not null)
        {
            return (sample.Type, c => c.PropertiesNamed(property));
        }

        return property switch
        {
            "parent" => (PropertyType.Code, c => Codes(cs, property, c.Parents)),
            "child" => (PropertyType.Code, c => Codes(cs, property, c.Children)),
            "notSelectable" or "abstract" => (PropertyType.Boolean, c => [new PropertyValue(property, PropertyType.Boolean, c.IsAbstract ? "true" : "false")]),
            "display" => (PropertyType.String, c => c.Display is null ? [] : [new PropertyValue(property, PropertyType.String, c.Display)]),
            _ => throw TerminologyException.Invalid(
                "FILTER_UNKNOWN_PROPERTY",
                $"The property '{property}' is not defined by the code system '{cs.Url}', so it cannot be used in a filter."),
        };
    }

    private static IEnumerable<PropertyValue> Codes(CodeSystemIndex cs, string property, int[] indexes) =>
        indexes.Select(i => new PropertyValue(property, PropertyType.Code, cs.Concepts[i].Code));

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Checks a filter value against the property type and brings it to a comparable form.</summary>
    private static string Normalize(PropertyType type, string value, string property, string op)
    {
        switch (type)
        {
            case PropertyType.Boolean:
                // FHIR booleans are lower case; "TRUE" is taken as a value no concept has rather than refused.
                return bool.TryParse(value, out _) ? value : ParseBoolean(value, property, op) ? "true" : "false";
            case PropertyType.Integer:
                return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                    ? i.ToString(CultureInfo.InvariantCulture)
                    : throw BadValue(value, property, op, type);
            case PropertyType.Decimal:
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : throw BadValue(value, property, op, type);
            case PropertyType.DateTime:
                return Hl7.Fhir.ElementModel.Types.DateTime.TryParse(value, out _) ? value : throw BadValue(value, property, op, type);
            default:
                return value;
        }
    }

    /// <summary>Stored values were validated on import; a value that does not parse simply never matches.</summary>
    private static string NormalizeStored(PropertyType type, string value) => type switch
    {
        PropertyType.Integer when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i.ToString(CultureInfo.InvariantCulture),
        PropertyType.Decimal when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        _ => value,
    };

    private static bool ParseBoolean(string value, string property, string op) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw BadValue(value, property, op, PropertyType.Boolean),
    };

    private static TerminologyException BadValue(string value, string property, string op, PropertyType type) =>
        TerminologyException.Invalid(
            "FILTER_VALUE_TYPE",
            $"The value '{value}' of the filter '{property} {op}' is not a valid {PropertyValues.TypeName(type)}.");

    /// <summary>
    /// Filter patterns come from clients, so they run on the non-backtracking engine (linear time) with a
    /// timeout as a second guard; the whole code must match, as in the FHIR specification.
    /// </summary>
    internal static Regex BuildRegex(string pattern, TimeSpan timeout)
    {
        try
        {
            return new Regex($"^(?:{pattern})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, timeout);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw TerminologyException.Invalid("FILTER_REGEX_INVALID", $"The regular expression '{pattern}' is not valid or not supported: {ex.Message}");
        }
    }

    internal static bool IsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new TerminologyException(
                OperationOutcome.IssueType.TooCostly,
                "FILTER_REGEX_TIMEOUT",
                "The regular expression took too long to evaluate; use a simpler pattern.");
        }
    }
}
