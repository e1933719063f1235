using CallCenterSdk.Ivr.CallerLists;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Schedules;
using CallCenterSdk.Ivr.Speech;
using CallCenterSdk.Ivr.Surveys;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.CallerLists;
using CallCenterSdk.Ivr.Tests.Schedules;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.EndToEnd;

/// <summary>
/// The documented JSON flow (docs/ivr.md) on the media test channel with real espeak-ng prompts and the
/// caller's keys sent as in-band DTMF audio or RFC 4733 events: caller lists, business hours, menus,
/// digit collection, queueing, voicemail and the post-call survey, as a phone would drive them.
/// </summary>
public class MainFlowEndToEndTests
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "callcentersdk-ivr-tests-tts");
    private static readonly IvrFlow Flow = FlowJsonLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "main-flow.json")));

    /// <summary>Monday 23 November 2026 10:00 in Shanghai.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static IvrRig Rig(string caller, DateTimeOffset at) => new(caller, new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = Cache }), at, s => s with
    {
        Schedules = new ScheduleCatalog().Add("tenant-a", BusinessScheduleTests.Support(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))),
        CallerLists = new CallerListCatalog().Add("tenant-a", CallerScreenTests.Screen()),
    });

    [Fact]
    public async Task Vip_caller_in_business_hours_picks_support_with_in_band_keys_waits_talks_and_answers_the_survey()
    {
        var rig = Rig("+8613900001111", MondayMorning);
        var result = await rig.RunAsync(Flow, new CallerScript()
            .WaitForPrompt("For billing press 1").Wait(TimeSpan.FromSeconds(1)).PressInBand("2")
            .WaitForPrompt("Press 1 if you were satisfied").PressInBand("1")
            .WaitForPrompt("Was your problem solved").PressInBand("1"), TimeSpan.FromMinutes(15));

        Assert.Equal((FlowOutcome.HungUp, "flow complete"), (result.Outcome, result.Reason));
        Assert.Equal(
            ["main/screen", "main/vip-welcome", "main/hours", "main/welcome", "main/main-menu", "main/support-queue", "main/queue", "main/survey", "main/bye"],
            result.Trace.VisitedNodes);
        var request = rig.Queue.Requests.Single();
        Assert.Equal(("support-vip", 20, "gold"), (request.Queue, request.Priority, request.Group));
        var survey = rig.Surveys.Saved.Single();
        Assert.Equal(("agent-7", "support-vip", true), (survey.AgentId, survey.Queue, survey.Complete));
        Assert.Equal([new SurveyAnswer("satisfaction", '1', 5), new SurveyAnswer("resolved", '1', 1)], survey.Answers);
        Assert.Equal([('2', DtmfTransport.InBand), ('1', DtmfTransport.InBand), ('1', DtmfTransport.InBand)],
            rig.Channel.DecodedDigits.Select(d => (d.Digit, d.Transport)));
        // Real speech was played: the welcome prompt alone is over a second of 8 kHz audio.
        var welcome = rig.Channel.Prompts.First(p => p.Description.Contains("Welcome to Example Telecom", StringComparison.Ordinal));
        Assert.True(welcome.Completed && welcome.SamplesPlayed > 8000, welcome.ToString());
        Assert.Contains(rig.Channel.Prompts, p => p.Description == "tone:440+480");
    }

    [Fact]
    public async Task Billing_caller_types_the_account_number_as_rfc_4733_events_after_one_invalid_attempt()
    {
        var rig = Rig("+8613955556666", MondayMorning);
        var result = await rig.RunAsync(Flow, new CallerScript()
            .WaitForPrompt("For billing press 1").PressTelephoneEvent("1")
            .WaitForPrompt("eight digit account").PressTelephoneEvent("1234#")
            .WaitForPrompt("not valid").WaitForPrompt("eight digit account").PressTelephoneEvent("12345678#")
            .WaitForPrompt("Press 1 if you were satisfied").PressTelephoneEvent("3")
            .WaitForPrompt("Was your problem solved").HangUp(), TimeSpan.FromMinutes(15));

        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        Assert.Equal("12345678", result.Variables["account"].ToString());
        Assert.Equal("billing", rig.Queue.Requests.Single().Queue);
        Assert.Equal(0, rig.Queue.Requests.Single().Priority);
        Assert.All(rig.Channel.DecodedDigits, d => Assert.Equal(DtmfTransport.TelephoneEvent, d.Transport));
        var survey = rig.Surveys.Saved.Single();
        Assert.False(survey.Complete);
        Assert.Equal([new SurveyAnswer("satisfaction", '3', 1)], survey.Answers);
        Assert.Equal(["1", "12345678", "satisfaction=3"], result.Trace.Inputs);
    }

    [Fact]
    public async Task Holiday_caller_hears_the_holiday_and_leaves_a_voicemail()
    {
        var rig = Rig("+8613700000000", new DateTimeOffset(2027, 1, 1, 3, 0, 0, TimeSpan.Zero));
        var result = await rig.RunAsync(Flow, new CallerScript()
            .WaitForPrompt("tone:1000").Wait(TimeSpan.FromMilliseconds(400)).Speak(TimeSpan.FromSeconds(4)), TimeSpan.FromMinutes(5));

        Assert.Equal((FlowOutcome.HungUp, "flow complete"), (result.Outcome, result.Reason));
        Assert.Equal(["main/screen", "main/hours", "main/holiday", "main/voicemail", "main/bye"], result.Trace.VisitedNodes);
        Assert.Equal("holiday", result.Variables["schedule.state"].ToString());
        var message = rig.Voicemail.Saved.Single();
        Assert.Equal(("support", Voicemail.RecordingEnd.Silence), (message.Mailbox, message.EndedBy));
        Assert.InRange(message.Audio.Duration.TotalSeconds, 3.9, 4.3);
    }

    [Fact]
    public async Task Caller_who_never_chooses_goes_to_the_operator_and_a_busy_operator_sends_them_to_voicemail()
    {
        var rig = Rig("+8613700000000", MondayMorning);
        rig.Channel.TransferResponder = _ => new TransferResult(TransferOutcome.Busy, "486 Busy Here");
        var result = await rig.RunAsync(Flow, new CallerScript(), TimeSpan.FromMinutes(5));
        Assert.Equal(new TransferTarget(TransferTargetKind.Extension, "8000"), rig.Channel.Transfers.Single());
        Assert.Contains("main/voicemail", result.Trace.VisitedNodes);
        Assert.Empty(rig.Voicemail.Saved);
        Assert.Equal(3, rig.Channel.Prompts.Count(p => p.Description.Contains("For billing press 1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Black_listed_caller_is_refused_before_the_schedule()
    {
        var rig = Rig("+8613900007777", MondayMorning);
        var result = await rig.RunAsync(Flow, new CallerScript(), TimeSpan.FromMinutes(1));
        Assert.Equal((FlowOutcome.HungUp, "caller is black-listed"), (result.Outcome, result.Reason));
        Assert.Equal(["main/screen"], result.Trace.VisitedNodes);
    }
}
