using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Speech;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Ivr.Tests.Docs;

/// <summary>
/// The examples of docs/ivr.md: "Run a flow" as written there (with a temporary cache folder), and the complete JSON
/// example, which must be main-flow.json (run end to end by MainFlowEndToEndTests) character for character.
/// </summary>
public class DocumentationExampleTests
{
    [Fact]
    public async Task The_quick_start_example_runs_as_documented()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "callcentersdk-ivr-tests-tts") });
        var engine = new FlowEngine(new IvrServices
        {
            Time = clock,
            Prompts = new InlinePromptRenderer(new PromptRenderer(tts, library: null, defaultVoice: "en-us")),
        });

        var flow = new FlowBuilder("hello")
            .Play("welcome", "menu", Prompt.Say("Welcome to Example Telecom."))
            .Menu("menu", [Prompt.Say("For sales press 1, for support press 2.")], ('1', "sales"), ('2', "support"))
            .HangUp("sales", "sales chosen", Prompt.Say("Connecting you to sales."))
            .HangUp("support", "support chosen", Prompt.Say("Connecting you to support."))
            .Build();

        var channel = new MediaTestChannel(clock, clock.Advance, callerNumber: "+8613800000000");
        var result = await channel.RunAsync(
            engine.RunAsync(flow, channel),
            new CallerScript().WaitForPrompt("For sales").PressInBand("2"),
            limit: TimeSpan.FromMinutes(2));

        Assert.Equal((FlowOutcome.HungUp, "support chosen"), (result.Outcome, result.Reason));
        Assert.Equal(["hello/welcome", "hello/menu", "hello/support"], result.Trace.VisitedNodes);
    }

    [Fact]
    public void The_complete_json_example_in_the_docs_is_main_flow_json()
    {
        static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        string docs = DocsJson.CompleteExample(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "ivr.md")));
        string file = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "main-flow.json"));
        Assert.Equal(Normalize(file), Normalize(docs));
        Assert.Equal("main", FlowJsonLoader.Load(docs).Id);
    }
}
