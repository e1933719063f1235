using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Speech;
using CallCenterSdk.Ivr.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>A fake clock, a media test channel on it, and an engine with in-memory services.</summary>
internal sealed class IvrRig
{
    /// <summary>Monday 23 November 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset Monday10Utc = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public IvrRig(string callerNumber = "+8613800000000", ITextToSpeech? speech = null, DateTimeOffset? start = null, Func<IvrServices, IvrServices>? configure = null)
    {
        Clock = new FakeTimeProvider(start ?? Monday10Utc);
        Speech = speech ?? new ToneSpeech();
        Channel = new MediaTestChannel(Clock, Clock.Advance, callerNumber);
        Queue = new ScriptedQueue(Clock);
        var services = new IvrServices
        {
            Time = Clock,
            Prompts = new InlinePromptRenderer(new PromptRenderer(Speech, null)),
            Recordings = Recordings,
            VoicemailStore = Voicemail,
            VoicemailNotifier = Voicemail,
            SurveyResults = Surveys,
            Queue = Queue,
            Flows = Flows,
        };
        Engine = new FlowEngine(configure is null ? services : configure(services));
    }

    public FakeTimeProvider Clock { get; }

    public ITextToSpeech Speech { get; }

    public MediaTestChannel Channel { get; }

    public FlowEngine Engine { get; }

    public ScriptedQueue Queue { get; }

    public InMemoryRecordingStore Recordings { get; } = new();

    public InMemoryVoicemailStore Voicemail { get; } = new();

    public InMemorySurveyStore Surveys { get; } = new();

    public FlowCatalog Flows { get; } = new();

    public Task<FlowResult> RunAsync(IvrFlow flow, CallerScript? caller = null, TimeSpan? limit = null, IReadOnlyDictionary<string, ExpressionValue>? variables = null) =>
        Channel.RunAsync(Engine.RunAsync(flow, Channel, variables), caller ?? new CallerScript(), limit ?? TimeSpan.FromMinutes(10));

    public static Prompt Say(string text) => Prompt.Say(text);
}
