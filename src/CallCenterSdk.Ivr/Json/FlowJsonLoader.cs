using System.Text;
using System.Text.Json;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Surveys;
using CallCenterSdk.Ivr.Voicemail;

namespace CallCenterSdk.Ivr.Json;

/// <summary>
/// Loads flows from the versioned JSON format (<c>"schema": "callcentersdk.ivr.flow/1"</c>, documented in
/// docs/ivr.md). Loading validates everything and reports every problem at once with its JSON path:
/// malformed JSON, unknown step types, unknown properties, invalid options and expressions, missing targets,
/// unreachable nodes and loops that can never take input.
/// </summary>
public static class FlowJsonLoader
{
    /// <summary>The schema this loader reads.</summary>
    public const string Schema = "callcentersdk.ivr.flow/1";

    /// <summary>Largest document accepted (a flow is a few kilobytes; this bounds hostile uploads).</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    /// <summary>The step types this loader knows.</summary>
    public static IReadOnlyList<string> StepTypes { get; } =
        ["play", "gather", "menu", "record", "voicemail", "transfer", "enqueue", "set", "condition", "goto", "subflow", "hangup", "lookup", "schedule", "callerlist", "survey"];

    /// <summary>Loads a flow from JSON text; throws <see cref="FlowValidationException"/> listing every problem.</summary>
    public static IvrFlow Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Load(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Loads a flow from UTF-8 JSON; throws <see cref="FlowValidationException"/> listing every problem.</summary>
    public static IvrFlow Load(ReadOnlyMemory<byte> utf8Json) => Load(utf8Json, null);

    /// <summary>
    /// Loads a flow, telling <paramref name="observer"/> the JSON path of every object read and every property name
    /// asked for there (tests check that these are exactly the properties the JSON Schema lists).
    /// </summary>
    internal static IvrFlow Load(ReadOnlyMemory<byte> utf8Json, Action<string, IReadOnlySet<string>>? observer)
    {
        var errors = new List<FlowValidationError>();
        if (utf8Json.Length > MaxDocumentBytes)
        {
            throw Fail("?", [new(FlowValidationCode.MalformedDocument, null, "$", $"The document is {utf8Json.Length} bytes; the limit is {MaxDocumentBytes}.")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 32, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw Fail("?", [new(FlowValidationCode.MalformedDocument, null, e.Path ?? "$",
                $"Not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Fail("?", [new(FlowValidationCode.MalformedDocument, null, "$", "A flow document must be a JSON object.")]);
            }

            var root = new JsonNodeReader(document.RootElement, "$", null, errors, observer);
            string? schema = root.String("schema");
            if (schema != Schema)
            {
                root.Error(FlowValidationCode.UnsupportedSchema, "schema",
                    schema is null ? $"'schema' is required; this loader reads \"{Schema}\"." : $"Schema \"{schema}\" is not supported; this loader reads \"{Schema}\".");
                throw Fail("?", errors);
            }

            string id = root.String("id", required: true) ?? "?";
            int version = root.Int("version", 1, 1, int.MaxValue);
            string? start = root.String("start", required: true);
            var parameters = new List<string>();
            if (root.Raw("parameters") is { } rawParameters)
            {
                if (rawParameters.ValueKind != JsonValueKind.Array || rawParameters.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
                {
                    root.Error(FlowValidationCode.MalformedDocument, "parameters", "'parameters' must be an array of names.");
                }
                else
                {
                    parameters.AddRange(rawParameters.EnumerateArray().Select(p => p.GetString()!));
                }
            }

            var steps = new List<FlowStep>();
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.Raw("nodes") is not { ValueKind: JsonValueKind.Array } nodes)
            {
                root.Error(FlowValidationCode.MalformedDocument, "nodes", "'nodes' must be an array of steps.");
            }
            else
            {
                int i = 0;
                foreach (var node in nodes.EnumerateArray())
                {
                    string path = $"$.nodes[{i++}]";
                    if (ReadStep(node, path, errors, observer) is { } step)
                    {
                        steps.Add(step);
                        paths.TryAdd(step.Id, path);
                    }
                }
            }

            root.ReportUnread();
            if (errors.Count == 0 && start is not null)
            {
                // Graph checks only make sense on a document whose nodes all parsed.
                foreach (var error in FlowValidator.Validate(id, start, steps))
                {
                    errors.Add(error with { Path = error.NodeId is not null && paths.TryGetValue(error.NodeId, out var p) ? p : "$" });
                }
            }

            if (errors.Count > 0)
            {
                throw Fail(id, errors);
            }

            return new IvrFlow(id, version, start!, steps, parameters);
        }
    }

    private static FlowValidationException Fail(string id, List<FlowValidationError> errors) => new(id, errors);

    private static FlowStep? ReadStep(JsonElement node, string path, List<FlowValidationError> errors, Action<string, IReadOnlySet<string>>? observer)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(FlowValidationCode.MalformedDocument, null, path, "A node must be a JSON object."));
            return null;
        }

        string? id = node.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var r = new JsonNodeReader(node, path, id, errors, observer);
        id = r.String("id", required: true);
        string? type = r.String("type", required: true);
        if (id is null || type is null)
        {
            return null;
        }

        int before = errors.Count;
        var timeout = r.Seconds("timeout", null);
        string? onTimeout = r.Target("onTimeout");
        FlowStep? step = type switch
        {
            "play" => new PlayStep(id, r.Prompts("prompts", required: true))
            {
                Loop = r.Int("loop", 1, 0, 1000),
                BargeIn = r.Bool("bargeIn", false),
                Next = r.Target("next"),
            },
            "gather" => ReadGather(r, id),
            "menu" => ReadMenu(r, id),
            "record" => ReadRecord(r, id),
            "voicemail" => ReadVoicemail(r, id),
            "transfer" => ReadTransfer(r, id),
            "enqueue" => ReadEnqueue(r, id),
            "set" => new SetStep(id, r.ExpressionMap("assign")) { Next = r.Target("next") },
            "condition" => ReadCondition(r, id),
            "goto" => r.String("target", required: true) is { } target ? new GotoStep(id, target) : null,
            "subflow" => ReadSubFlow(r, id),
            "hangup" => new HangUpStep(id, r.Template("reason") ?? TextTemplate.Parse("flow ended the call")) { Prompts = r.OptionalPrompts("prompts") },
            "lookup" => ReadLookup(r, id),
            "schedule" => ReadSchedule(r, id),
            "callerlist" => new CallerListStep(id, r.String("list") ?? "default")
            {
                OnBlack = r.Target("onBlack"), OnVip = r.Target("onVip"), OnWhite = r.Target("onWhite"), Next = r.Target("next"),
            },
            "survey" => ReadSurvey(r, id),
            _ => null,
        };

        if (!StepTypes.Contains(type, StringComparer.Ordinal))
        {
            errors.Add(new(FlowValidationCode.UnknownStepType, id, path + ".type",
                $"Step type '{type}' is unknown; known types are {string.Join(", ", StepTypes)}."));
            return null;
        }

        if (step is null || errors.Count > before)
        {
            r.ReportUnread();
            return null;
        }

        r.ReportUnread();
        if (errors.Count > before)
        {
            return null;
        }

        return WithTimeout(step, timeout, onTimeout);
    }

    // Timeout and onTimeout live on the base class; steps are built before them, so set them through a copy-free path.
    private static FlowStep WithTimeout(FlowStep step, TimeSpan? timeout, string? onTimeout)
    {
        if (timeout is not null || onTimeout is not null)
        {
            step.SetTimeout(timeout ?? step.Timeout, onTimeout);
        }

        return step;
    }

    private static GatherStep? ReadGather(JsonNodeReader r, string id)
    {
        string? variable = r.String("variable", required: true);
        var prompts = r.Prompts("prompts");
        string? pattern = r.String("pattern");
        int max = r.Int("maxDigits", 10, 1, 64);
        int min = r.Int("minDigits", 1, 0, 64);
        if (min > max)
        {
            r.Error(FlowValidationCode.InvalidOption, "minDigits", $"'minDigits' ({min}) is larger than 'maxDigits' ({max}).");
        }

        string finishOnKey = r.Keys("finishOnKey", "#");
        var firstDigitTimeout = r.Seconds("firstDigitTimeout", TimeSpan.FromSeconds(5))!.Value;
        var interDigitTimeout = r.Seconds("interDigitTimeout", TimeSpan.FromSeconds(3))!.Value;
        int maxAttempts = r.Int("maxAttempts", 3, 1, 20);
        var noInputPrompts = r.OptionalPrompts("noInputPrompts");
        var invalidPrompts = r.OptionalPrompts("invalidPrompts");
        bool bargeIn = r.Bool("bargeIn", true);
        string? next = r.Target("next");
        string? onFailure = r.Target("onFailure");
        if (variable is null)
        {
            return null;
        }

        try
        {
            return new GatherStep(id, variable, prompts, pattern)
            {
                MaxDigits = max,
                MinDigits = min,
                FinishOnKey = finishOnKey,
                FirstDigitTimeout = firstDigitTimeout,
                InterDigitTimeout = interDigitTimeout,
                MaxAttempts = maxAttempts,
                NoInputPrompts = noInputPrompts,
                InvalidPrompts = invalidPrompts,
                BargeIn = bargeIn,
                Next = next,
                OnFailure = onFailure,
            };
        }
        catch (ArgumentException e)
        {
            r.Error(FlowValidationCode.InvalidOption, "pattern", e.Message);
            return null;
        }
    }

    private static MenuStep ReadMenu(JsonNodeReader r, string id)
    {
        var options = r.KeyMap("options", (value, property) =>
        {
            if (value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString()))
            {
                return value.GetString();
            }

            r.Error(FlowValidationCode.MalformedDocument, property, "A menu option must name a target node.");
            return null;
        });
        if (options.Count == 0 && !r.Has("default"))
        {
            r.Error(FlowValidationCode.InvalidOption, "options", "A menu needs at least one option or a default.");
        }

        var step = new MenuStep(id, r.Prompts("prompts", required: true), options)
        {
            Default = r.Target("default"),
            RepeatKey = r.Key("repeatKey", '*'),
            BackKey = r.Key("backKey", null),
            InputTimeout = r.Seconds("inputTimeout", TimeSpan.FromSeconds(5))!.Value,
            MaxAttempts = r.Int("maxAttempts", 3, 1, 20),
            NoInputPrompts = r.OptionalPrompts("noInputPrompts"),
            InvalidPrompts = r.OptionalPrompts("invalidPrompts"),
            BargeIn = r.Bool("bargeIn", true),
            OnFailure = r.Target("onFailure"),
            Variable = r.String("variable") ?? "menu.choice",
        };
        foreach (char key in new[] { step.RepeatKey, step.BackKey }.Where(k => k is not null).Select(k => k!.Value))
        {
            if (options.ContainsKey(key))
            {
                r.Error(FlowValidationCode.InvalidOption, "options." + key, $"Key '{key}' is both an option and the repeat or back key.");
            }
        }

        return step;
    }

    private static RecordStep? ReadRecord(JsonNodeReader r, string id)
    {
        string? variable = r.String("variable", required: true);
        var options = ReadRecording(r);
        var name = r.Template("name");
        string? next = r.Target("next");
        return variable is null ? null : new RecordStep(id, variable, options) { Name = name, Next = next };
    }

    private static VoicemailStep? ReadVoicemail(JsonNodeReader r, string id)
    {
        var mailbox = r.Template("mailbox", required: true);
        var options = ReadRecording(r);
        var confirmation = r.OptionalPrompts("confirmationPrompts");
        string? next = r.Target("next");
        return mailbox is null ? null : new VoicemailStep(id, mailbox, options) { ConfirmationPrompts = confirmation, Next = next };
    }

    private static SubFlowStep? ReadSubFlow(JsonNodeReader r, string id)
    {
        string? flowId = r.String("flow", required: true);
        var arguments = r.ExpressionMap("arguments");
        var outputs = r.StringMap("outputs");
        string? next = r.Target("next");
        return flowId is null ? null : new SubFlowStep(id, flowId) { Arguments = arguments, Outputs = outputs, Next = next };
    }

    private static ScheduleStep? ReadSchedule(JsonNodeReader r, string id)
    {
        string? schedule = r.String("schedule", required: true);
        string? onOpen = r.Target("onOpen");
        string? onClosed = r.Target("onClosed");
        string? onHoliday = r.Target("onHoliday");
        return schedule is null ? null : new ScheduleStep(id, schedule) { OnOpen = onOpen, OnClosed = onClosed, OnHoliday = onHoliday };
    }

    private static RecordingOptions ReadRecording(JsonNodeReader r) => new()
    {
        MaxLength = r.Seconds("maxLength", TimeSpan.FromSeconds(120), 3600)!.Value,
        // An explicit null never ends on silence (absent keeps the 5 s default).
        SilenceTimeout = r.SecondsOrNever("silenceTimeout", TimeSpan.FromSeconds(5), 600),
        SilenceThreshold = r.Int("silenceThreshold", 300, 0, short.MaxValue),
        FinishOnKey = r.Keys("finishOnKey", "#"),
        Beep = r.Bool("beep", true),
        TrimSilence = r.Bool("trimSilence", true),
        Prompts = r.Prompts("prompts"),
    };

    private static TransferStep? ReadTransfer(JsonNodeReader r, string id)
    {
        string? kindText = r.String("to", required: true);
        var address = r.Template("address", required: true);
        var ringTimeout = r.Seconds("ringTimeout", TimeSpan.FromSeconds(30), 600)!.Value;
        var prompts = r.OptionalPrompts("prompts");
        string? onFailure = r.Target("onFailure");
        // Only the four documented names: Enum.TryParse would also take "2", "Queue" or "queue, agent".
        TransferTargetKind? kind = kindText switch
        {
            "queue" => TransferTargetKind.Queue,
            "agent" => TransferTargetKind.Agent,
            "extension" => TransferTargetKind.Extension,
            "external" => TransferTargetKind.External,
            _ => null,
        };
        if (kindText is not null && kind is null)
        {
            r.Error(FlowValidationCode.InvalidOption, "to", $"'to' is '{kindText}'; it must be queue, agent, extension or external.");
        }

        return address is null || kind is null ? null : new TransferStep(id, kind.Value, address)
        {
            RingTimeout = ringTimeout,
            Prompts = prompts,
            OnFailure = onFailure,
        };
    }

    private static EnqueueStep? ReadEnqueue(JsonNodeReader r, string id)
    {
        var queue = r.Template("queue", required: true);
        var defaults = new EnqueueStep(id, TextTemplate.Parse("defaults"));
        var priority = r.Expr("priority", defaults.Priority)!;
        var group = r.Expr("group", defaults.Group)!;
        var holdMusic = r.Has("holdMusic") ? r.Prompts("holdMusic") : r.Absent("holdMusic", defaults.HoldMusic);
        bool announcePosition = r.Bool("announcePosition", true);
        var announcement = r.Has("announcement") ? r.Prompts("announcement") : r.Absent("announcement", defaults.Announcement);
        var announcementInterval = r.Seconds("announcementInterval", defaults.AnnouncementInterval)!.Value;
        var periodicMessages = r.Prompts("periodicMessages");
        var periodicInterval = r.Seconds("periodicInterval", defaults.PeriodicInterval)!.Value;
        var maxWait = r.Seconds("maxWait", null);
        string? next = r.Target("next");
        string? onFailure = r.Target("onFailure");
        return queue is null ? null : new EnqueueStep(id, queue)
        {
            Priority = priority,
            Group = group,
            HoldMusic = holdMusic,
            AnnouncePosition = announcePosition,
            Announcement = announcement,
            AnnouncementInterval = announcementInterval,
            PeriodicMessages = periodicMessages,
            PeriodicInterval = periodicInterval,
            MaxWait = maxWait,
            Next = next,
            OnFailure = onFailure,
        };
    }

    private static ConditionStep ReadCondition(JsonNodeReader r, string id)
    {
        var branches = new List<KeyValuePair<Expression, string>>();
        if (r.Raw("branches") is not { ValueKind: JsonValueKind.Array } raw)
        {
            r.Error(FlowValidationCode.MalformedDocument, "branches", "'branches' must be an array of {\"if\": expression, \"goto\": node}.");
        }
        else
        {
            int i = 0;
            foreach (var item in raw.EnumerateArray())
            {
                string property = $"branches[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    r.Error(FlowValidationCode.MalformedDocument, property, "A branch must be {\"if\": expression, \"goto\": node}.");
                    continue;
                }

                var branch = r.Child(item, property);
                var condition = branch.Expr("if", required: true);
                string? target = branch.String("goto", required: true);
                branch.ReportUnread();
                if (condition is not null && target is not null)
                {
                    branches.Add(new(condition, target));
                }
            }
        }

        return new ConditionStep(id, branches) { Else = r.Target("else") };
    }

    private static DataLookupStep? ReadLookup(JsonNodeReader r, string id)
    {
        string? source = r.String("source", required: true);
        var operation = r.Template("operation", required: true);
        var parameters = r.ExpressionMap("parameters");
        string resultPrefix = r.String("resultPrefix") ?? "data";
        string? next = r.Target("next");
        string? onFailure = r.Target("onFailure");
        return source is null || operation is null ? null : new DataLookupStep(id, source, operation)
        {
            Parameters = parameters,
            ResultPrefix = resultPrefix,
            Next = next,
            OnFailure = onFailure,
        };
    }

    private static SurveyStep? ReadSurvey(JsonNodeReader r, string id)
    {
        string? surveyId = r.String("survey", required: true);
        var questions = new List<SurveyQuestion>();
        if (r.Raw("questions") is not { ValueKind: JsonValueKind.Array } raw || raw.GetArrayLength() == 0)
        {
            r.Error(FlowValidationCode.MalformedDocument, "questions", "'questions' must be a non-empty array.");
        }
        else
        {
            int i = 0;
            foreach (var item in raw.EnumerateArray())
            {
                string property = $"questions[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    r.Error(FlowValidationCode.MalformedDocument, property, "A question must be an object.");
                    continue;
                }

                var q = r.Child(item, property);
                string? questionId = q.String("id", required: true);
                var prompts = q.Prompts("prompts", required: true);
                var scores = q.KeyMap("scores", (value, p) =>
                {
                    if (JsonNodeReader.TryGetWholeNumber(value, out int score))
                    {
                        return (int?)score;
                    }

                    q.Error(FlowValidationCode.MalformedDocument, p, "A score must be a whole number.");
                    return null;
                });
                if (scores.Count == 0)
                {
                    q.Error(FlowValidationCode.InvalidOption, "scores", "A question needs at least one key with a score.");
                }

                var question = new SurveyQuestion(questionId ?? "?", prompts, scores.ToDictionary(s => s.Key, s => s.Value!.Value))
                {
                    MaxAttempts = q.Int("maxAttempts", 2, 1, 10),
                    InputTimeout = q.Seconds("inputTimeout", TimeSpan.FromSeconds(5))!.Value,
                    InvalidPrompts = q.OptionalPrompts("invalidPrompts"),
                };
                q.ReportUnread();
                questions.Add(question);
            }
        }

        var defaults = new SurveyStep(id, "defaults", []);
        return surveyId is null ? null : new SurveyStep(id, surveyId, questions)
        {
            IntroPrompts = r.OptionalPrompts("intro"),
            ThanksPrompts = r.OptionalPrompts("thanks"),
            Agent = r.Expr("agent", defaults.Agent)!,
            QueueName = r.Expr("queue", defaults.QueueName)!,
            Next = r.Target("next"),
        };
    }

}
