using System.Globalization;
using System.Text.Json;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Json;

/// <summary>
/// Reads the properties of one JSON object, collecting every problem with its JSON path instead of stopping
/// at the first, and reporting properties it never read (typos such as "nxt") as errors.
/// </summary>
internal sealed class JsonNodeReader
{
    private readonly JsonElement _element;
    private readonly List<FlowValidationError> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly Action<string, IReadOnlySet<string>>? _observer;

    /// <param name="element">The JSON object.</param>
    /// <param name="path">Its JSON path, for error messages.</param>
    /// <param name="nodeId">The node it belongs to, or null at the top level.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="observer">Told, when <see cref="ReportUnread"/> runs, every property name this reader asked for
    /// (tests compare it with the JSON Schema).</param>
    public JsonNodeReader(JsonElement element, string path, string? nodeId, List<FlowValidationError> errors, Action<string, IReadOnlySet<string>>? observer = null)
    {
        _element = element;
        Path = path;
        NodeId = nodeId;
        _errors = errors;
        _observer = observer;
    }

    /// <summary>A reader for an object nested in this one (a prompt, a branch, a question).</summary>
    public JsonNodeReader Child(JsonElement element, string property) => new(element, $"{Path}.{property}", NodeId, _errors, _observer);

    public string Path { get; }

    public string? NodeId { get; }

    public void Error(FlowValidationCode code, string property, string message) =>
        _errors.Add(new FlowValidationError(code, NodeId, property.Length == 0 ? Path : $"{Path}.{property}", message));

    private bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        if (_element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public bool Has(string name) => _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Error(FlowValidationCode.MalformedDocument, name, $"'{name}' is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must be a string, not {value.ValueKind}.");
            return null;
        }

        string text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must not be empty.");
            return null;
        }

        return text;
    }

    public string? Target(string name) => String(name);

    public int Int(string name, int fallback, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }

        if (!TryGetWholeNumber(value, out int number))
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must be a whole number.");
            return fallback;
        }

        if (number < min || number > max)
        {
            Error(FlowValidationCode.InvalidOption, name, $"'{name}' is {number}; it must be between {min} and {max}.");
            return fallback;
        }

        return number;
    }

    /// <summary>A JSON number with no fraction that fits an int; <c>3.0</c> counts, as it does for JSON Schema's "integer".</summary>
    public static bool TryGetWholeNumber(JsonElement value, out int number)
    {
        number = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetInt32(out number))
        {
            return true;
        }

        if (value.TryGetDouble(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
        {
            number = (int)d;
            return true;
        }

        return false;
    }

    public bool Bool(string name, bool fallback)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must be true or false.");
            return fallback;
        }

        return value.GetBoolean();
    }

    /// <summary>A duration written in seconds (fractions allowed).</summary>
    public TimeSpan? Seconds(string name, TimeSpan? fallback, double max = 86_400)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }

        return ParseSeconds(name, value, fallback, max);
    }

    /// <summary>A duration in seconds where an explicit <c>null</c> means "never" (absent gives <paramref name="fallback"/>).</summary>
    public TimeSpan? SecondsOrNever(string name, TimeSpan fallback, double max)
    {
        if (TryGet(name, out var value))
        {
            return ParseSeconds(name, value, fallback, max);
        }

        return _element.TryGetProperty(name, out var explicitNull) && explicitNull.ValueKind == JsonValueKind.Null ? null : fallback;
    }

    private TimeSpan? ParseSeconds(string name, JsonElement value, TimeSpan? fallback, double max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double seconds))
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must be a number of seconds.");
            return fallback;
        }

        if (seconds <= 0 || seconds > max || double.IsNaN(seconds))
        {
            Error(FlowValidationCode.InvalidOption, name, $"'{name}' is {seconds.ToString(CultureInfo.InvariantCulture)} s; it must be more than 0 and at most {max.ToString(CultureInfo.InvariantCulture)}.");
            return fallback;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public char? Key(string name, char? fallback)
    {
        if (!TryGet(name, out var value))
        {
            return _element.TryGetProperty(name, out var explicitNull) && explicitNull.ValueKind == JsonValueKind.Null ? null : fallback;
        }

        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is not { Length: 1 } || !DtmfDigits.IsValid(text[0]))
        {
            Error(FlowValidationCode.InvalidOption, name, $"'{name}' must be one DTMF key (0-9, *, #, A-D).");
            return fallback;
        }

        return text[0];
    }

    public string Keys(string name, string fallback)
    {
        string? text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (!DtmfDigits.AreValid(text))
        {
            Error(FlowValidationCode.InvalidOption, name, $"'{name}' may contain only DTMF keys (0-9, *, #, A-D); got '{text}'.");
            return fallback;
        }

        return text;
    }

    public Expression? Expr(string name, Expression? fallback = null, bool required = false)
    {
        string? text = String(name, required);
        return text is null ? fallback : ParseExpression(text, name);
    }

    public Expression? ParseExpression(string text, string property)
    {
        try
        {
            return Expression.Parse(text);
        }
        catch (ExpressionException e)
        {
            Error(FlowValidationCode.InvalidOption, property, $"Expression '{Shorten(text)}' is invalid: {e.Message}.");
            return null;
        }
    }

    public TextTemplate? Template(string name, bool required = false)
    {
        string? text = String(name, required);
        return text is null ? null : ParseTemplate(text, name);
    }

    public TextTemplate? ParseTemplate(string text, string property)
    {
        try
        {
            return TextTemplate.Parse(text);
        }
        catch (ExpressionException e)
        {
            Error(FlowValidationCode.InvalidOption, property, $"Text '{Shorten(text)}' is invalid: {e.Message}.");
            return null;
        }
    }

    public IReadOnlyList<Prompt> Prompts(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Error(FlowValidationCode.MalformedDocument, name, $"'{name}' is required.");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must be an array of prompts.");
            return [];
        }

        var prompts = new List<Prompt>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var prompt = ReadPrompt(item, $"{name}[{i}]");
            if (prompt is not null)
            {
                prompts.Add(prompt);
            }

            i++;
        }

        return prompts;
    }

    public IReadOnlyList<Prompt>? OptionalPrompts(string name) => Has(name) ? Prompts(name) : MarkRead(name);

    /// <summary>
    /// For a property read only when <see cref="Has"/>: marks it read and returns <paramref name="fallback"/>, so an
    /// explicit null means the default, as it does for every other optional property.
    /// </summary>
    public T Absent<T>(string name, T fallback)
    {
        _read.Add(name);
        return fallback;
    }

    private IReadOnlyList<Prompt>? MarkRead(string name)
    {
        _read.Add(name);
        return null;
    }

    private Prompt? ReadPrompt(JsonElement item, string property)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Error(FlowValidationCode.MalformedDocument, property, "A prompt must be an object such as {\"say\": \"Hello\"}.");
            return null;
        }

        var reader = Child(item, property);
        Prompt? prompt = null;
        if (reader.Has("say"))
        {
            var template = reader.Template("say", required: true);
            string? voice = reader.String("voice");
            int? rate = reader.Has("rate") ? reader.Int("rate", 160, 80, 450) : reader.Absent<int?>("rate", null);
            if (template is not null)
            {
                prompt = new TextPrompt(template.Text, voice, rate);
            }
        }
        else if (reader.Has("file"))
        {
            string? file = reader.String("file", required: true);
            prompt = file is null ? null : new FilePrompt(file);
        }
        else if (reader.Has("tone"))
        {
            int f1 = reader.Int("tone", 0, 1, 4000);
            int f2 = reader.Int("tone2", 0, 0, 4000);
            var duration = reader.Seconds("seconds", TimeSpan.FromSeconds(0.25), 60)!.Value;
            prompt = new TonePrompt(f1, f2, duration);
        }
        else if (reader.Has("silence"))
        {
            var duration = reader.Seconds("silence", TimeSpan.FromSeconds(1), 60)!.Value;
            prompt = new SilencePrompt(duration);
        }
        else
        {
            Error(FlowValidationCode.MalformedDocument, property, "A prompt needs one of 'say', 'file', 'tone' or 'silence'.");
            return null;
        }

        reader.ReportUnread();
        return prompt;
    }

    /// <summary>An object of string values.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must be an object.");
            return [];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                Error(FlowValidationCode.MalformedDocument, $"{name}.{property.Name}", "The value must be a string.");
                continue;
            }

            pairs.Add(new(property.Name, property.Value.GetString()!));
        }

        return pairs;
    }

    /// <summary>An object whose values are expressions.</summary>
    public IReadOnlyList<KeyValuePair<string, Expression>> ExpressionMap(string name)
    {
        var pairs = new List<KeyValuePair<string, Expression>>();
        foreach (var (key, text) in StringMap(name))
        {
            if (ParseExpression(text, $"{name}.{key}") is { } expression)
            {
                pairs.Add(new(key, expression));
            }
        }

        return pairs;
    }

    /// <summary>An object whose keys are single DTMF keys.</summary>
    public IReadOnlyDictionary<char, T> KeyMap<T>(string name, Func<JsonElement, string, T?> read)
    {
        var map = new Dictionary<char, T>();
        if (!TryGet(name, out var value))
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(FlowValidationCode.MalformedDocument, name, $"'{name}' must be an object keyed by DTMF keys.");
            return map;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Length != 1 || !DtmfDigits.IsValid(property.Name[0]))
            {
                Error(FlowValidationCode.InvalidOption, $"{name}.{property.Name}", $"'{property.Name}' is not a DTMF key (0-9, *, #, A-D).");
                continue;
            }

            if (read(property.Value, $"{name}.{property.Name}") is { } item)
            {
                map[property.Name[0]] = item;
            }
        }

        return map;
    }

    public JsonElement? Raw(string name) => TryGet(name, out var value) ? value : null;

    public void ReportUnread()
    {
        _observer?.Invoke(Path, _read);
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                Error(FlowValidationCode.MalformedDocument, property.Name, $"Unknown property '{property.Name}'.");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
