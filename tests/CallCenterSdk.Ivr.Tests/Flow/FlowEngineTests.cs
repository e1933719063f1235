using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Flow;

public class FlowEngineTests
{
    [Fact]
    public async Task Caller_hang_up_cancels_the_running_prompt_at_once()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("f")
            .Play("long", "next", Prompt.Tone(400, 0, TimeSpan.FromMinutes(5)))
            .Play("next", null, Prompt.Say("never"))
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript().Wait(TimeSpan.FromSeconds(3)).HangUp());
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        var prompt = rig.Channel.Prompts.Single();
        Assert.False(prompt.Completed);
        Assert.InRange(prompt.SamplesPlayed, 3 * 8000 - 160, 3 * 8000 + 160);
        Assert.Equal(FlowTraceKind.HangUp, result.Trace.Entries[^1].Kind);
    }

    [Fact]
    public async Task Step_timeout_goes_to_on_timeout()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("f")
            .Add(new PlayStep("p", [Prompt.Tone(400, 0, TimeSpan.FromMinutes(1))]) { Timeout = TimeSpan.FromSeconds(5), OnTimeout = "late", Next = "never" })
            .HangUp("late", "timed out")
            .HangUp("never", "never")
            .Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal("timed out", result.Reason);
        Assert.InRange(rig.Channel.Prompts[0].SamplesPlayed, 5 * 8000 - 160, 5 * 8000 + 160);
        Assert.Contains(result.Trace.Entries, e => e.Kind == FlowTraceKind.Timeout && e.NodeId == "p");
    }

    [Fact]
    public async Task Step_timeout_without_a_branch_fails_the_flow_with_a_clear_error()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("f").Add(new PlayStep("p", [Prompt.Tone(400, 0, TimeSpan.FromMinutes(1))]) { Timeout = TimeSpan.FromSeconds(2) }).Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal(FlowOutcome.Failed, result.Outcome);
        Assert.IsType<FlowExecutionException>(result.Error);
        Assert.Contains("Step 'p' (play) timed out", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conditions_variables_and_arithmetic_choose_the_branch()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("f")
            .Set("init", "check", ("balance", "120.50"), ("fee", "balance * 0.1"), ("tier", "if(balance > 100, 'gold', 'basic')"))
            .If("check", "basic", ("tier == 'gold' and fee > 12", "gold"))
            .HangUp("gold", "gold {fee}")
            .HangUp("basic", "basic")
            .Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal("gold 12.050", result.Reason);
    }

    [Fact]
    public async Task Sub_flow_gets_parameters_in_its_own_scope_and_returns_outputs()
    {
        var rig = new IvrRig();
        rig.Flows.Add(new FlowBuilder("pin-check")
            .Parameter("expected")
            .Add(new GatherStep("ask", "pin", [Prompt.Say("pin please")]) { MaxDigits = 4, Next = "verify" })
            .Set("verify", null, ("ok", "pin == expected"), ("leak", "outer"))
            .Build());
        var flow = new FlowBuilder("main")
            .Set("init", "sub", ("outer", "'secret'"))
            .Add(new SubFlowStep("sub", "pin-check")
            {
                Arguments = [new("expected", Expression.Parse("'4321'"))],
                Outputs = [new("ok", "verified"), new("leak", "leaked")],
                Next = "done",
            })
            .If("done", "bad", ("verified", "good"))
            .HangUp("good", "verified")
            .HangUp("bad", "not verified")
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript().WaitForPrompt("pin please").PressInBand("4321"));
        Assert.Equal("verified", result.Reason);
        Assert.True(result.Variables["leaked"].IsNull);
        Assert.False(result.Variables.ContainsKey("pin"));
        Assert.Contains("pin-check/ask", result.Trace.VisitedNodes);
    }

    [Fact]
    public async Task Runaway_loops_built_from_data_are_stopped_by_the_input_guard()
    {
        var rig = new IvrRig(configure: s => s with { MaxStepsWithoutInput = 50 });
        // Validation accepts this loop because the menu can take input, but the menu is skipped by a condition.
        var flow = new FlowBuilder("f")
            .If("a", "menu", ("true", "b"))
            .Set("b", "a", ("n", "coalesce(n, 0) + 1"))
            .Menu("menu", [Prompt.Say("m")], ('1', "a"))
            .Build();
        var result = await rig.RunAsync(flow);
        Assert.Equal(FlowOutcome.Failed, result.Outcome);
        Assert.Contains("without caller input", result.Reason, StringComparison.Ordinal);
        Assert.Equal(25m, result.Variables["n"].AsNumber);
    }

    [Fact]
    public async Task Expression_errors_at_run_time_fail_the_flow_and_are_traced()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("f").Set("s", null, ("x", "1 / zero")).Build();
        var result = await rig.RunAsync(flow, variables: new Dictionary<string, ExpressionValue> { ["zero"] = ExpressionValue.FromNumber(0) });
        Assert.Equal(FlowOutcome.Failed, result.Outcome);
        Assert.IsType<ExpressionException>(result.Error);
        Assert.Equal(FlowTraceKind.Error, result.Trace.Entries[^1].Kind);
    }

    [Fact]
    public async Task Call_variables_are_readable()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IvrRig.Monday10Utc);
        var channel = new MediaTestChannel(clock, clock.Advance, "+1555") { Variables = new Dictionary<string, string> { ["campaign"] = "spring" }, TenantId = "t9" };
        var engine = new FlowEngine(new IvrServices { Time = clock });
        var flow = new FlowBuilder("f").Set("s", null, ("v", "call.var.campaign + '/' + call.tenant + '/' + caller.number + '/' + call.called")).Build();
        var result = await channel.RunAsync(engine.RunAsync(flow, channel), new CallerScript(), TimeSpan.FromSeconds(1));
        Assert.Equal("spring/t9/+1555/4008001234", result.Variables["v"].ToString());
    }
}
