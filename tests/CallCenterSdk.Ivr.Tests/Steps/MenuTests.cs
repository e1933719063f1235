using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Steps;

public class MenuTests
{
    private static IvrFlow TwoLevelMenu(char? backKey = '#', string? @default = null) => new FlowBuilder("m")
        .Add(new MenuStep("main", [Prompt.Say("main menu")], new Dictionary<char, string> { ['1'] = "billing", ['2'] = "tech" })
        {
            Default = @default,
            InvalidPrompts = [Prompt.Say("invalid")],
            NoInputPrompts = [Prompt.Say("silence")],
            OnFailure = "bye",
            InputTimeout = TimeSpan.FromSeconds(3),
        })
        .Add(new MenuStep("billing", [Prompt.Say("billing menu")], new Dictionary<char, string> { ['1'] = "invoice" }) { BackKey = backKey, OnFailure = "bye" })
        .Add(new MenuStep("tech", [Prompt.Say("tech menu")], new Dictionary<char, string> { ['9'] = "main" }) { BackKey = backKey, OnFailure = "bye" })
        .HangUp("invoice", "invoice")
        .HangUp("bye", "failed")
        .Build();

    [Fact]
    public async Task Menu_routes_each_key_to_its_target_through_nested_levels()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(TwoLevelMenu(), new CallerScript()
            .WaitForPrompt("main menu").PressInBand("1")
            .WaitForPrompt("billing menu").PressInBand("1"));
        Assert.Equal("invoice", result.Reason);
        Assert.Equal(["m/main", "m/billing", "m/invoice"], result.Trace.VisitedNodes);
        Assert.Equal(["1", "1"], result.Trace.Inputs);
    }

    [Fact]
    public async Task Back_key_returns_to_the_previous_menu_and_jumps_go_anywhere()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(TwoLevelMenu(), new CallerScript()
            .WaitForPrompt("main menu").PressInBand("2")
            .WaitForPrompt("tech menu").PressInBand("#")
            .WaitForPrompt("main menu").PressInBand("1")
            .WaitForPrompt("billing menu").PressTelephoneEvent("1"));
        Assert.Equal("invoice", result.Reason);
        Assert.Equal(["m/main", "m/tech", "m/main", "m/billing", "m/invoice"], result.Trace.VisitedNodes);
        Assert.Equal(["2", "back", "1", "1"], result.Trace.Inputs);
    }

    [Fact]
    public async Task Repeat_key_replays_the_menu_without_using_an_attempt()
    {
        var rig = new IvrRig();
        var flow = new FlowBuilder("m")
            .Add(new MenuStep("main", [Prompt.Say("menu")], new Dictionary<char, string> { ['1'] = "done" }) { MaxAttempts = 1, OnFailure = "fail" })
            .HangUp("done", "done")
            .HangUp("fail", "fail")
            .Build();
        var result = await rig.RunAsync(flow, new CallerScript()
            .WaitForPrompt("menu").PressInBand("*")
            .WaitForPrompt("menu").PressInBand("*")
            .WaitForPrompt("menu").PressInBand("1"));
        Assert.Equal("done", result.Reason);
        Assert.Equal(3, rig.Channel.Prompts.Count(p => p.Description == "text:menu"));
    }

    [Fact]
    public async Task Invalid_keys_and_silence_use_their_prompts_then_exhausted_attempts_go_to_on_failure()
    {
        var rig = new IvrRig();
        var start = rig.Clock.GetUtcNow();
        var result = await rig.RunAsync(TwoLevelMenu(), new CallerScript()
            .WaitForPrompt("main menu").PressInBand("7")
            .WaitForPrompt("invalid").WaitForPrompt("main menu"));
        Assert.Equal("failed", result.Reason);
        Assert.Equal(["text:main menu", "text:invalid", "text:main menu", "text:silence", "text:main menu"],
            rig.Channel.Prompts.Select(p => p.Description));
        Assert.Single(result.Trace.Entries, e => e.Kind == FlowTraceKind.InvalidInput);
        Assert.Equal(2, result.Trace.Entries.Count(e => e.Kind == FlowTraceKind.NoInput));
        Assert.True(rig.Clock.GetUtcNow() - start >= TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Default_target_takes_keys_without_an_option()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(TwoLevelMenu(@default: "invoice"), new CallerScript().WaitForPrompt("main menu").PressInBand("5"));
        Assert.Equal("invoice", result.Reason);
        Assert.Equal("5", result.Variables["menu.choice"].ToString());
    }
}
