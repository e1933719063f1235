using System.Diagnostics;
using System.Text.RegularExpressions;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Steps;

public class PlayAndGatherTests
{
    private static IvrFlow PlayThenGather(PlayStep play, GatherStep gather) =>
        new FlowBuilder("t").Add(play).Add(gather).Build();

    [Fact]
    public async Task Play_repeats_its_prompts_loop_times()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t").Add(new PlayStep("p", [Prompt.Say("one"), Prompt.Tone(440, 0, TimeSpan.FromMilliseconds(100))]) { Loop = 3 }).Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal(FlowOutcome.Completed, result.Outcome);
        Assert.Equal(["text:one", "tone:440", "text:one", "tone:440", "text:one", "tone:440"], rig.Channel.Prompts.Select(p => p.Description));
        Assert.All(rig.Channel.Prompts, p => Assert.True(p.Completed));
        // "one" is 3 characters of 40 ms at 8 kHz = 960 samples, the tone 800 samples.
        Assert.Equal(3 * (960 + 800), rig.Channel.PlayedAudio.Count);
    }

    [Fact]
    public async Task Play_with_barge_in_stops_on_an_in_band_key_and_the_key_becomes_the_next_steps_input()
    {
        var rig = new IvrRig();
        var flow = PlayThenGather(
            new PlayStep("intro", [Prompt.Say(new string('x', 70))]) { BargeIn = true, Next = "ask" },
            new GatherStep("ask", "choice", [Prompt.Say("choose")]) { MaxDigits = 1 });
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("text:xxx").Wait(TimeSpan.FromMilliseconds(400)).PressInBand("7"));
        Assert.Equal("7", result.Variables["choice"].ToString());
        var intro = rig.Channel.Prompts[0];
        Assert.False(intro.Completed);
        Assert.True(intro.SamplesPlayed < 8000 * 1, $"intro played {intro.SamplesPlayed} samples after barge-in");
        // The gather prompt is skipped because the key was typed ahead (barge-in on type-ahead).
        Assert.DoesNotContain(rig.Channel.Prompts, p => p.Description == "text:choose");
        Assert.Contains(result.Trace.Entries, e => e.Kind == FlowTraceKind.BargeIn);
        Assert.Equal((DtmfTransport.InBand, '7'), (rig.Channel.DecodedDigits[0].Transport, rig.Channel.DecodedDigits[0].Digit));
    }

    [Fact]
    public async Task Play_without_barge_in_plays_to_the_end_despite_keys()
    {
        var rig = new IvrRig();
        var flow = PlayThenGather(
            new PlayStep("intro", [Prompt.Say(new string('x', 50))]) { Next = "ask" },
            new GatherStep("ask", "choice", []) { MaxDigits = 1 });
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("text:xxx").PressInBand("5"));
        Assert.True(rig.Channel.Prompts[0].Completed);
        Assert.Equal("5", result.Variables["choice"].ToString());
    }

    [Fact]
    public async Task Gather_stops_at_max_digits()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t").Add(new GatherStep("g", "pin", [Prompt.Say("pin")]) { MaxDigits = 4 }).Build();
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("pin").PressInBand("123456"));
        Assert.Equal("1234", result.Variables["pin"].ToString());
        Assert.Equal("ok", result.Variables["pin.status"].ToString());
    }

    [Fact]
    public async Task Gather_ends_on_the_finish_key_which_is_not_stored()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t").Add(new GatherStep("g", "acct", [Prompt.Say("account")]) { MaxDigits = 10 }).Build();
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("account").PressTelephoneEvent("8812#"));
        Assert.Equal("8812", result.Variables["acct"].ToString());
        Assert.All(rig.Channel.DecodedDigits, d => Assert.Equal(DtmfTransport.TelephoneEvent, d.Transport));
    }

    [Fact]
    public async Task Gather_inter_digit_timeout_ends_input()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t").Add(new GatherStep("g", "n", [Prompt.Say("n")]) { InterDigitTimeout = TimeSpan.FromSeconds(2) }).Build();
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("n").PressInBand("12").Wait(TimeSpan.FromSeconds(3)).PressInBand("3"));
        Assert.Equal("12", result.Variables["n"].ToString());
    }

    [Fact]
    public async Task Gather_retries_with_the_no_input_prompt_after_the_first_digit_timeout_then_fails()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t")
            .Add(new GatherStep("g", "n", [Prompt.Say("enter")])
            {
                FirstDigitTimeout = TimeSpan.FromSeconds(4),
                MaxAttempts = 3,
                NoInputPrompts = [Prompt.Say("nothing heard")],
                OnFailure = "bye",
            })
            .HangUp("bye", "no input")
            .Build();
        DateTimeOffset start = rig.Clock.GetUtcNow();
        var result = await rig.RunAsync(flow);
        Assert.Equal(FlowOutcome.HungUp, result.Outcome);
        Assert.Equal("no input", result.Reason);
        Assert.Equal(["text:enter", "text:nothing heard", "text:enter", "text:nothing heard", "text:enter"], rig.Channel.Prompts.Select(p => p.Description));
        Assert.Equal("noinput", result.Variables["n.status"].ToString());
        // Three 4 s waits plus the prompts' own length.
        var elapsed = rig.Clock.GetUtcNow() - start;
        Assert.InRange(elapsed.TotalSeconds, 12, 14);
        Assert.Equal(3, result.Trace.Entries.Count(e => e.Kind == FlowTraceKind.NoInput));
    }

    [Fact]
    public async Task Gather_rejects_input_failing_the_pattern_and_plays_the_invalid_prompt()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t")
            .Add(new GatherStep("g", "month", [Prompt.Say("month")], pattern: "0[1-9]|1[0-2]")
            {
                MaxDigits = 2,
                InvalidPrompts = [Prompt.Say("invalid")],
            })
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript()
            .WaitForPrompt("month").PressInBand("13")
            .WaitForPrompt("invalid").WaitForPrompt("month").PressInBand("09"));
        Assert.Equal("09", result.Variables["month"].ToString());
        Assert.Equal(["13", "09"], result.Trace.Entries.Where(e => e.Kind is FlowTraceKind.InvalidInput or FlowTraceKind.Input)
            .Select(e => e.Detail.Split('\'', StringSplitOptions.RemoveEmptyEntries)[0].Trim()));
    }

    [Fact]
    public async Task Gather_below_min_digits_is_invalid_and_exhausted_retries_go_to_next_with_status()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t")
            .Add(new GatherStep("g", "pin", [Prompt.Say("pin")]) { MinDigits = 4, MaxAttempts = 2, Next = "after" })
            .Set("after", null, ("seen", "pin.status"))
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("pin").PressInBand("12#").WaitForPrompt("pin").PressInBand("3#"));
        Assert.Equal("invalid", result.Variables["seen"].ToString());
        Assert.Equal(string.Empty, result.Variables["pin"].ToString());
    }

    [Fact]
    public async Task Play_with_loop_zero_and_barge_in_repeats_until_a_key()
    {
        var rig = new IvrRig();
        var flow = PlayThenGather(
            new PlayStep("hold", [Prompt.Say("abcdefghij")]) { Loop = 0, BargeIn = true, Next = "ask" },
            new GatherStep("ask", "choice", []) { MaxDigits = 1 });
        // Each round is 10 characters of 40 ms = 400 ms (and one frame to notice the end); the key comes in the fourth.
        var result = await rig.RunAsync(flow, new CallerScript().Wait(TimeSpan.FromMilliseconds(1300)).PressTelephoneEvent("4"));
        Assert.Equal("4", result.Variables["choice"].ToString());
        Assert.Equal(4, rig.Channel.Prompts.Count);
        Assert.All(rig.Channel.Prompts.Take(3), p => Assert.True(p.Completed));
        Assert.False(rig.Channel.Prompts[3].Completed);
    }

    [Fact]
    public async Task Play_with_loop_zero_and_no_barge_in_repeats_until_the_step_timeout()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t")
            .Add(new PlayStep("hold", [Prompt.Say("abcdefghij")]) { Loop = 0, Timeout = TimeSpan.FromSeconds(10), OnTimeout = "after" })
            .HangUp("after", "hold ended")
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript().Wait(TimeSpan.FromSeconds(2)).PressInBand("1"));
        Assert.Equal((FlowOutcome.HungUp, "hold ended"), (result.Outcome, result.Reason));
        // 10 s of rounds of about 400 ms: some 24 plays, the last cut by the timeout; the key did not stop it.
        Assert.InRange(rig.Channel.Prompts.Count, 22, 26);
        Assert.False(rig.Channel.Prompts[^1].Completed);
        Assert.InRange((rig.Clock.GetUtcNow() - IvrRig.Monday10Utc).TotalSeconds, 10, 10.1);
        Assert.Contains(result.Trace.Entries, e => e.Kind == FlowTraceKind.Timeout);
        Assert.DoesNotContain(result.Trace.Entries, e => e.Kind == FlowTraceKind.BargeIn);
    }

    [Fact]
    public async Task Gather_without_barge_in_plays_its_prompt_to_the_end_and_keeps_the_keys_pressed_during_it()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("t")
            .Add(new GatherStep("g", "pin", [Prompt.Say(new string('p', 50))]) { BargeIn = false, MaxDigits = 4 })
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("text:ppp").Wait(TimeSpan.FromMilliseconds(300)).PressTelephoneEvent("1234"));
        var prompt = Assert.Single(rig.Channel.Prompts);
        Assert.True(prompt.Completed, "the prompt was cut short");
        Assert.Equal(50 * 320, prompt.SamplesPlayed);
        Assert.Equal("1234", result.Variables["pin"].ToString());
        Assert.DoesNotContain(result.Trace.Entries, e => e.Kind == FlowTraceKind.BargeIn);
        // The first key arrived while the prompt still played (2 s long), so it was held, not lost.
        var firstDigit = result.Trace.Entries.First(e => e.Kind == FlowTraceKind.Digit);
        Assert.True(firstDigit.At - prompt.StartedAt < TimeSpan.FromSeconds(2), $"first key at {firstDigit.At - prompt.StartedAt}");
    }

    [Fact]
    public async Task Gather_pattern_that_backtracks_catastrophically_runs_out_of_its_match_limit_and_the_input_is_invalid()
    {
        const string Catastrophic = "(0|00)+1";
        string zeros = new('0', 60);
        // The pattern really is catastrophic for this input under .NET's regex engine: the backtracking tries every way
        // to split 60 zeros into "0" and "00" (about 2.5 * 10^12) before giving up.
        Assert.Throws<RegexMatchTimeoutException>(() =>
            new Regex("^(?:" + Catastrophic + ")$", RegexOptions.CultureInvariant, GatherStep.PatternMatchTimeout).IsMatch(zeros));

        var rig = new IvrRig();
        var flow = new FlowBuilder("t")
            .Add(new GatherStep("g", "code", [Prompt.Say("code")], pattern: Catastrophic)
            {
                MaxDigits = 64,
                MaxAttempts = 2,
                InvalidPrompts = [Prompt.Say("invalid")],
                OnFailure = "bye",
            })
            .HangUp("bye", "invalid code")
            .Build();
        var wall = Stopwatch.StartNew();
        var result = await rig.RunAsync(flow, new CallerScript()
            .WaitForPrompt("code").PressTelephoneEvent(zeros + "#")
            .WaitForPrompt("invalid").WaitForPrompt("code").PressTelephoneEvent(zeros + "#"));
        wall.Stop();
        Assert.Equal((FlowOutcome.HungUp, "invalid code"), (result.Outcome, result.Reason));
        Assert.Equal("invalid", result.Variables["code.status"].ToString());
        Assert.Equal(2, result.Trace.Entries.Count(e => e.Kind == FlowTraceKind.Error && e.Detail.Contains("ran out of its 50 ms match limit", StringComparison.Ordinal)));
        // Two 50 ms matches, far from the hours an unbounded match would take (the bound is generous for a loaded machine).
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(20), $"took {wall.Elapsed}");
    }

    [Fact]
    public void Gather_with_a_malformed_pattern_is_refused_when_built()
    {
        var e = Assert.Throws<ArgumentException>(() => new GatherStep("g", "x", [], pattern: "(unclosed"));
        Assert.Contains("not a valid regular expression", e.Message, StringComparison.Ordinal);
    }
}
