using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Steps;

namespace CallCenterSdk.Ivr.Tests.Json;

public class FlowJsonLoaderTests
{
    private static string Doc(string nodes, string start = "a") =>
        $$"""{ "schema": "callcentersdk.ivr.flow/1", "id": "f", "version": 2, "start": "{{start}}", "nodes": [ {{nodes}} ] }""";

    private static FlowValidationError Single(string json)
    {
        var e = Assert.Throws<FlowValidationException>(() => FlowJsonLoader.Load(json));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void The_documented_example_flow_loads_with_every_step_type_it_uses()
    {
        var flow = FlowJsonLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "main-flow.json")));
        Assert.Equal(("main", 3, "screen"), (flow.Id, flow.Version, flow.Start));
        Assert.Equal(15, flow.Steps.Count);
        Assert.True(flow.TryGetStep("account", out var step));
        var gather = Assert.IsType<GatherStep>(step);
        Assert.Equal((8, 8, "#", TimeSpan.FromSeconds(6), 2, "operator"), (gather.MaxDigits, gather.MinDigits, gather.FinishOnKey, gather.FirstDigitTimeout, gather.MaxAttempts, gather.OnFailure));
        Assert.True(flow.TryGetStep("queue", out var queue));
        Assert.Equal(TimeSpan.FromHours(1), queue.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), ((EnqueueStep)queue).MaxWait);
    }

    [Fact]
    public void Unknown_step_type_lists_the_known_ones()
    {
        var error = Single(Doc("""{ "id": "a", "type": "speak" }"""));
        Assert.Equal(FlowValidationCode.UnknownStepType, error.Code);
        Assert.Equal("$.nodes[0].type", error.Path);
        Assert.Contains("'speak' is unknown; known types are play, gather", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_target_names_the_node_and_its_path()
    {
        var error = Single(Doc("""{ "id": "a", "type": "menu", "prompts": [], "options": { "1": "b", "2": "ghost" } }, { "id": "b", "type": "hangup" }"""));
        Assert.Equal((FlowValidationCode.MissingTarget, "a", "$.nodes[0]"), (error.Code, error.NodeId, error.Path));
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_node_is_reported_with_its_path()
    {
        var error = Single(Doc("""{ "id": "a", "type": "hangup" }, { "id": "island", "type": "hangup" }"""));
        Assert.Equal((FlowValidationCode.UnreachableNode, "island", "$.nodes[1]"), (error.Code, error.NodeId, error.Path));
    }

    [Fact]
    public void Loop_that_can_never_take_input_is_reported()
    {
        var error = Single(Doc("""
            { "id": "a", "type": "set", "assign": { "n": "coalesce(n, 0) + 1" }, "next": "b" },
            { "id": "b", "type": "condition", "branches": [ { "if": "n < 10", "goto": "a" } ], "else": "c" },
            { "id": "c", "type": "hangup" }
            """));
        Assert.Equal(FlowValidationCode.LoopWithoutInput, error.Code);
        Assert.Contains("'a' -> 'b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "a", "type": "play", "prompts": [{ "say": "x" }], "nxt": "b" }""", "$.nodes[0].nxt", "Unknown property 'nxt'")]
    [InlineData("""{ "id": "a", "type": "set", "assign": { "x": "1 +" } }""", "$.nodes[0].assign.x", "Unexpected end of expression (at offset 3)")]
    [InlineData("""{ "id": "a", "type": "play", "prompts": [{ "say": "Hi {caller." }] }""", "$.nodes[0].prompts[0].say", "Unclosed '{'")]
    [InlineData("""{ "id": "a", "type": "play", "prompts": [{ "sing": "x" }] }""", "$.nodes[0].prompts[0]", "needs one of 'say', 'file', 'tone' or 'silence'")]
    [InlineData("""{ "id": "a", "type": "gather", "variable": "x", "maxDigits": 100 }""", "$.nodes[0].maxDigits", "between 1 and 64")]
    [InlineData("""{ "id": "a", "type": "gather", "variable": "x", "finishOnKey": "E" }""", "$.nodes[0].finishOnKey", "only DTMF keys")]
    [InlineData("""{ "id": "a", "type": "gather", "variable": "x", "pattern": "([0-9]" }""", "$.nodes[0].pattern", "not a valid regular expression")]
    [InlineData("""{ "id": "a", "type": "gather", "variable": "x", "firstDigitTimeout": -1 }""", "$.nodes[0].firstDigitTimeout", "must be more than 0")]
    [InlineData("""{ "id": "a", "type": "gather" }""", "$.nodes[0].variable", "'variable' is required")]
    [InlineData("""{ "id": "a", "type": "menu", "prompts": [], "options": { "12": "a" } }""", "$.nodes[0].options.12", "not a DTMF key")]
    [InlineData("""{ "id": "a", "type": "menu", "prompts": [], "options": { "*": "a" } }""", "$.nodes[0].options.*", "both an option and the repeat or back key")]
    [InlineData("""{ "id": "a", "type": "transfer", "to": "planet", "address": "x" }""", "$.nodes[0].to", "queue, agent, extension or external")]
    [InlineData("""{ "id": "a", "type": "play", "prompts": [], "loop": "twice" }""", "$.nodes[0].loop", "whole number")]
    [InlineData("""{ "id": "a", "type": "survey", "survey": "s", "questions": [] }""", "$.nodes[0].questions", "non-empty array")]
    [InlineData("""{ "id": "a", "type": "survey", "survey": "s", "questions": [ { "id": "q", "prompts": [], "scores": { "1": "five" } } ] }""", "$.nodes[0].questions[0].scores.1", "whole number")]
    [InlineData("""{ "type": "hangup" }""", "$.nodes[0].id", "'id' is required")]
    public void Invalid_options_are_reported_with_their_json_path(string node, string path, string message)
    {
        var e = Assert.Throws<FlowValidationException>(() => FlowJsonLoader.Load(Doc(node)));
        Assert.Contains(e.Errors, x => x.Path == path && x.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var e = Assert.Throws<FlowValidationException>(() => FlowJsonLoader.Load(Doc("""
            { "id": "a", "type": "play", "prompts": [{ "say": "x" }], "loop": -1, "next": "b" },
            { "id": "b", "type": "teleport" },
            { "id": "c", "type": "set", "assign": { "x": "((" } }
            """)));
        Assert.Equal(3, e.Errors.Count);
        Assert.Equal([FlowValidationCode.InvalidOption, FlowValidationCode.UnknownStepType, FlowValidationCode.InvalidOption], e.Errors.Select(x => x.Code));
    }

    [Theory]
    [InlineData("""{ "schema": "callcentersdk.ivr.flow/2", "id": "f", "start": "a", "nodes": [] }""", FlowValidationCode.UnsupportedSchema, "\"callcentersdk.ivr.flow/2\" is not supported")]
    [InlineData("""{ "id": "f", "start": "a", "nodes": [] }""", FlowValidationCode.UnsupportedSchema, "'schema' is required")]
    [InlineData("""{ "schema": "callcentersdk.ivr.flow/1", "id": "f", "start": "a", "nodes": [ { "id": "a", "type": "hangup" }, ] }""", FlowValidationCode.MalformedDocument, "Not valid JSON at line 1")]
    [InlineData("""[1, 2]""", FlowValidationCode.MalformedDocument, "must be a JSON object")]
    [InlineData("""{ "schema": "callcentersdk.ivr.flow/1", "id": "f", "start": "a", "nodes": {} }""", FlowValidationCode.MalformedDocument, "'nodes' must be an array")]
    [InlineData("""{ "schema": "callcentersdk.ivr.flow/1", "id": "f", "start": "zz", "nodes": [ { "id": "a", "type": "hangup" } ] }""", FlowValidationCode.MissingTarget, "start node 'zz' does not exist")]
    public void Document_level_errors_are_specific(string json, FlowValidationCode code, string message)
    {
        var e = Assert.Throws<FlowValidationException>(() => FlowJsonLoader.Load(json));
        Assert.Contains(e.Errors, x => x.Code == code && x.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Deeply_nested_or_huge_documents_are_refused()
    {
        string deep = new string('[', 1000) + new string(']', 1000);
        Assert.Equal(FlowValidationCode.MalformedDocument, Assert.Throws<FlowValidationException>(() => FlowJsonLoader.Load(deep)).Errors.Single().Code);
        var huge = new byte[FlowJsonLoader.MaxDocumentBytes + 1];
        Assert.Contains("limit", Assert.Throws<FlowValidationException>(() => FlowJsonLoader.Load(huge)).Errors.Single().Message, StringComparison.Ordinal);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Arbitrary_text_is_either_a_flow_or_a_validation_error(string text)
    {
        try
        {
            FlowJsonLoader.Load(text ?? string.Empty);
            return true;
        }
        catch (FlowValidationException e)
        {
            return e.Errors.Count > 0;
        }
    }
}
