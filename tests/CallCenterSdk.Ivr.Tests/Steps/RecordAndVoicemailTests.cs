using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;
using CallCenterSdk.Ivr.Voicemail;

namespace CallCenterSdk.Ivr.Tests.Steps;

public class RecordAndVoicemailTests
{
    private static IvrFlow Record(RecordingOptions options) =>
        new FlowBuilder("r").Add(new RecordStep("rec", "msg", options)).Build();

    [Fact]
    public async Task Record_plays_a_beep_and_ends_after_the_silence_timeout_with_silence_trimmed()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(Record(new RecordingOptions { SilenceTimeout = TimeSpan.FromSeconds(2) }),
            new CallerScript().WaitForPrompt("tone:1000").Wait(TimeSpan.FromSeconds(1)).Speak(TimeSpan.FromSeconds(3)));
        Assert.Equal("tone:1000", rig.Channel.Prompts.Single().Description);
        var saved = Assert.Single(rig.Recordings.Saved);
        Assert.Equal("silence", result.Variables["msg.end"].ToString());
        Assert.Equal("rec-1", result.Variables["msg"].ToString());
        // 3 s of speech plus at most 100 ms margin each side; the 1 s of leading silence is gone.
        Assert.InRange(saved.Audio.Duration.TotalSeconds, 3.0, 3.25);
    }

    [Fact]
    public async Task Record_ends_on_the_finish_key_and_cuts_the_key_tone()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(Record(new RecordingOptions { TrimSilence = false, Beep = false }),
            new CallerScript().Speak(TimeSpan.FromSeconds(2)).PressInBand("#"));
        Assert.Equal("key", result.Variables["msg.end"].ToString());
        var audio = rig.Recordings.Saved.Single().Audio;
        // 2 s of speech; the key tone after it is cut together with up to 200 ms before the detection.
        Assert.InRange(audio.Duration.TotalSeconds, 1.75, 2.05);
        Assert.Empty(rig.Channel.Prompts);
    }

    [Fact]
    public async Task Record_stops_at_the_maximum_length()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(Record(new RecordingOptions { MaxLength = TimeSpan.FromSeconds(4), SilenceTimeout = null, TrimSilence = false }),
            new CallerScript().Speak(TimeSpan.FromSeconds(10)));
        Assert.Equal("maxlength", result.Variables["msg.end"].ToString());
        Assert.Equal(4 * 8000, rig.Recordings.Saved.Single().Audio.Samples.Length);
    }

    [Theory]
    // A quiet caller: a 300/700 Hz mix at 1.2% of full scale, RMS about 197.
    [InlineData(300, false)] // the default threshold hears it as silence
    [InlineData(150, true)]  // a lower threshold hears a voice
    public async Task Record_silence_threshold_decides_what_counts_as_voice(int threshold, bool heard)
    {
        var rig = new IvrRig();
        var options = new RecordingOptions { SilenceThreshold = threshold, SilenceTimeout = TimeSpan.FromSeconds(2), Beep = false };
        var result = await rig.RunAsync(Record(options), new CallerScript().Speak(TimeSpan.FromSeconds(3), level: 0.012));
        Assert.Equal("silence", result.Variables["msg.end"].ToString());
        if (heard)
        {
            // Three seconds of quiet speech, then the 2 s silence timeout: stored, trimmed to the voice.
            var saved = Assert.Single(rig.Recordings.Saved);
            Assert.InRange(saved.Audio.Duration.TotalSeconds, 3.0, 3.25);
            Assert.InRange((rig.Clock.GetUtcNow() - IvrRig.Monday10Utc).TotalSeconds, 5, 5.1);
        }
        else
        {
            // All silence: the recording ends 2 s in, is empty and is not stored.
            Assert.Empty(rig.Recordings.Saved);
            Assert.Equal(string.Empty, result.Variables["msg"].ToString());
            Assert.InRange((rig.Clock.GetUtcNow() - IvrRig.Monday10Utc).TotalSeconds, 2, 2.1);
        }
    }

    [Fact]
    public async Task Voicemail_is_stored_and_notified_even_when_the_caller_hangs_up_while_recording()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("v")
            .Add(new VoicemailStep("vm", TextTemplate.Parse("sales-{call.tenant}"), new RecordingOptions()) { Next = "after" })
            .Play("after", null, Prompt.Say("should not play"))
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("tone").Wait(TimeSpan.FromMilliseconds(300)).Speak(TimeSpan.FromSeconds(2)).HangUp());
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        var message = Assert.Single(rig.Voicemail.Saved);
        Assert.Equal("sales-tenant-a", message.Mailbox);
        Assert.Equal(RecordingEnd.HangUp, message.EndedBy);
        Assert.Equal("+8613800000000", message.CallerNumber);
        Assert.InRange(message.Audio.Duration.TotalSeconds, 1.9, 2.25);
        Assert.Equal(["vm-1:sales-tenant-a"], rig.Voicemail.Notified);
        Assert.DoesNotContain(rig.Channel.Prompts, p => p.Description.Contains("should not", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silent_voicemail_is_discarded()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("v").Add(new VoicemailStep("vm", TextTemplate.Parse("box"), new RecordingOptions { SilenceTimeout = TimeSpan.FromSeconds(3) })).Build();
        var result = await rig.RunAsync(flow);
        Assert.Empty(rig.Voicemail.Saved);
        Assert.Equal(string.Empty, result.Variables["voicemail.id"].ToString());
    }

    [Fact]
    public async Task A_failing_voicemail_store_fails_the_flow_with_its_error()
    {
        var rig = new IvrRig();
        rig.Voicemail.Fail = true;
        var flow = new FlowBuilder("v").Add(new VoicemailStep("vm", TextTemplate.Parse("box"), new RecordingOptions { SilenceTimeout = TimeSpan.FromSeconds(1) })).Build();
        var result = await rig.RunAsync(flow, new CallerScript().Speak(TimeSpan.FromSeconds(1)));
        Assert.Equal(FlowOutcome.Failed, result.Outcome);
        Assert.IsType<IOException>(result.Error);
        Assert.Contains("disk full", result.Reason, StringComparison.Ordinal);
    }
}
