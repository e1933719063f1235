using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>
/// A JSON Schema (draft 2020-12) validator for the subset of keywords the flow schema uses: $ref to local $defs,
/// type, const, enum, properties, required, additionalProperties, propertyNames, minProperties, items, minItems,
/// minimum, maximum, exclusiveMinimum, minLength, pattern, allOf, anyOf, oneOf and if/then/else, plus boolean
/// schemas. Any other keyword throws <see cref="NotSupportedException"/>, so the schema cannot lean on a keyword
/// this validator would silently ignore.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "$comment", "default", "examples", "$defs"];

    private static readonly HashSet<string> Supported =
    [
        "$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "propertyNames", "minProperties",
        "items", "minItems", "minimum", "maximum", "exclusiveMinimum", "minLength", "pattern", "allOf", "anyOf", "oneOf",
        "if", "then", "else",
    ];

    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public JsonSchemaValidator(JsonElement root) => _root = root;

    /// <summary>Every violation, each as "instance path: problem"; empty when the instance is valid.</summary>
    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Validate(instance, _root, "$", errors);
        return errors;
    }

    /// <summary>Follows <c>$ref</c> until a schema without one (a $ref beside other keywords is not used by the flow schema).</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            string target = reference.GetString()!;
            const string Prefix = "#/$defs/";
            if (!target.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"Only local '#/$defs/...' references are supported, not '{target}'.");
            }

            schema = _root.GetProperty("$defs").GetProperty(target[Prefix.Length..]);
        }

        return schema;
    }

    /// <summary>
    /// The object schema that describes <paramref name="instance"/>: references followed, and for a step (if/then on its
    /// type) or a prompt (oneOf) the branch that applies.
    /// </summary>
    public JsonElement Concrete(JsonElement schema, JsonElement instance)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return schema;
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                if (part.TryGetProperty("if", out var condition) && IsValid(instance, condition) && part.TryGetProperty("then", out var then))
                {
                    return Concrete(then, instance);
                }
            }
        }

        if (schema.TryGetProperty("oneOf", out var one))
        {
            foreach (var variant in one.EnumerateArray())
            {
                if (IsValid(instance, variant))
                {
                    return Concrete(variant, instance);
                }
            }
        }

        return schema;
    }

    private bool IsValid(JsonElement instance, JsonElement schema)
    {
        var errors = new List<string>();
        Validate(instance, schema, "$", errors);
        return errors.Count == 0;
    }

    private void Validate(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Supported.Contains(keyword.Name) && !Annotations.Contains(keyword.Name))
            {
                throw new NotSupportedException($"Keyword '{keyword.Name}' is not supported by this validator.");
            }
        }

        if (schema.TryGetProperty("$ref", out _))
        {
            Validate(instance, Resolve(schema), path, errors);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => HasType(instance, t)))
            {
                errors.Add($"{path}: {instance.ValueKind} is not {string.Join(" or ", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonEquals(instance, constant))
        {
            errors.Add($"{path}: must be {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonEquals(instance, o)))
        {
            errors.Add($"{path}: must be one of {options.GetRawText()}");
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(instance, schema, path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(instance, schema, path, errors);
                break;
            case JsonValueKind.String:
                ValidateString(instance.GetString()!, schema, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(instance.GetDouble(), schema, path, errors);
                break;
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Validate(instance, part, path, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var any) && !any.EnumerateArray().Any(part => IsValid(instance, part)))
        {
            errors.Add($"{path}: matches none of the anyOf alternatives");
        }

        if (schema.TryGetProperty("oneOf", out var one))
        {
            int matches = one.EnumerateArray().Count(part => IsValid(instance, part));
            if (matches != 1)
            {
                errors.Add($"{path}: matches {matches} of the oneOf alternatives, not exactly one");
            }
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            var branch = IsValid(instance, condition) ? "then" : "else";
            if (schema.TryGetProperty(branch, out var applies))
            {
                Validate(instance, applies, path, errors);
            }
        }
    }

    private void ValidateObject(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: '{name}' is required");
                }
            }
        }

        if (schema.TryGetProperty("minProperties", out var minProperties) && instance.EnumerateObject().Count() < minProperties.GetInt32())
        {
            errors.Add($"{path}: needs at least {minProperties.GetInt32()} properties");
        }

        schema.TryGetProperty("properties", out var properties);
        foreach (var property in instance.EnumerateObject())
        {
            string at = $"{path}.{property.Name}";
            if (schema.TryGetProperty("propertyNames", out var names))
            {
                using var name = JsonDocument.Parse(JsonSerializer.Serialize(property.Name));
                Validate(name.RootElement, names, at + " (name)", errors);
            }

            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(property.Value, propertySchema, at, errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{at}: unknown property");
                }
                else
                {
                    Validate(property.Value, additional, at, errors);
                }
            }
        }
    }

    private void ValidateArray(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minItems", out var minItems) && instance.GetArrayLength() < minItems.GetInt32())
        {
            errors.Add($"{path}: needs at least {minItems.GetInt32()} items");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(item, items, $"{path}[{i++}]", errors);
            }
        }
    }

    private void ValidateString(string text, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && text.EnumerateRunes().Count() < minLength.GetInt32())
        {
            errors.Add($"{path}: shorter than {minLength.GetInt32()}");
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            string source = pattern.GetString()!;
            if (!_patterns.TryGetValue(source, out var regex))
            {
                // JSON Schema patterns are ECMA-262 and unanchored.
                regex = new Regex(source, RegexOptions.ECMAScript);
                _patterns[source] = regex;
            }

            if (!regex.IsMatch(text))
            {
                errors.Add($"{path}: '{text}' does not match {source}");
            }
        }
    }

    private static void ValidateNumber(double value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var minimum) && value < minimum.GetDouble())
        {
            errors.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is below {minimum.GetRawText()}");
        }

        if (schema.TryGetProperty("maximum", out var maximum) && value > maximum.GetDouble())
        {
            errors.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is above {maximum.GetRawText()}");
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && value <= exclusive.GetDouble())
        {
            errors.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} must be above {exclusive.GetRawText()}");
        }
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        // JSON Schema: a number with no fractional part, whatever its spelling (3.0 is an integer).
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDouble(out double d) && Math.Floor(d) == d && !double.IsInfinity(d),
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };

    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.GetDouble() == b.GetDouble();
        }

        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        return a.ValueKind switch
        {
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => JsonEquals(p.First, p.Second)),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var other) && JsonEquals(p.Value, other)),
            _ => true,
        };
    }
}
