using CallCenterSdk.Ivr.CallerLists;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.CallerLists;

public class CallerScreenTests
{
    internal static CallerScreen Screen() => new("default",
    [
        new CallerListEntry("+86 139-0000-1111", false, CallerListKind.Vip) { Priority = 20, Group = "gold" },
        new CallerListEntry("+86139", true, CallerListKind.White),
        new CallerListEntry("+861390000", true, CallerListKind.Black) { Action = BlackListAction.PlayMessage, Message = "Your number is blocked." },
        new CallerListEntry("+1900", true, CallerListKind.Black) { Action = BlackListAction.HangUp },
        new CallerListEntry("+1900", true, CallerListKind.White),
        new CallerListEntry("+8610666", true, CallerListKind.Black) { Action = BlackListAction.RouteToExtension, Extension = "9999" },
        new CallerListEntry("+8613800000000", false, CallerListKind.Vip),
    ]);

    [Theory]
    [InlineData("+8613900001111", CallerListKind.Vip)]       // exact beats the longer black prefix
    [InlineData("+86 (139) 0000-2222", CallerListKind.Black)] // longest prefix wins over the white one
    [InlineData("+8613955556666", CallerListKind.White)]
    [InlineData("+19005551234", CallerListKind.Black)]        // same prefix on two lists: black wins
    [InlineData("+8613800000001", CallerListKind.None)]
    [InlineData("anonymous", CallerListKind.None)]
    [InlineData("", CallerListKind.None)]
    public void Numbers_match_exactly_or_by_longest_prefix(string number, CallerListKind kind) =>
        Assert.Equal(kind, Screen().Classify(number)?.Kind ?? CallerListKind.None);

    private static IvrFlow ScreenFlow(string? onBlack = null) => new FlowBuilder("c")
        .Add(new CallerListStep("screen", "default") { OnVip = "vip", OnBlack = onBlack, Next = "normal" })
        .HangUp("vip", "vip {caller.priority} {caller.group}")
        .HangUp("normal", "normal {caller.list}")
        .Build();

    private static IvrRig Rig(string number) =>
        new(number, configure: s => s with { CallerLists = new CallerListCatalog().Add("tenant-a", Screen()) });

    [Fact]
    public async Task Vip_callers_get_priority_and_group_variables()
    {
        var result = await Rig("+8613900001111").RunAsync(ScreenFlow());
        Assert.Equal("vip 20 gold", result.Reason);
    }

    [Fact]
    public async Task White_listed_callers_continue_with_their_list_set()
    {
        var result = await Rig("+8613955556666").RunAsync(ScreenFlow());
        Assert.Equal("normal white", result.Reason);
    }

    [Fact]
    public async Task Black_listed_caller_hears_the_message_then_is_hung_up()
    {
        var rig = Rig("+8613900002222");
        var result = await rig.RunAsync(ScreenFlow());
        Assert.Equal((FlowOutcome.HungUp, "caller is black-listed"), (result.Outcome, result.Reason));
        Assert.Equal("text:Your number is blocked.", rig.Channel.Prompts.Single().Description);
        Assert.Equal(Channel.HangUpParty.Flow, rig.Channel.HangUpInfo!.Party);
    }

    [Fact]
    public async Task Black_listed_caller_is_hung_up_at_once_or_routed_to_the_named_extension()
    {
        var hung = Rig("+19005551234");
        Assert.Equal(FlowOutcome.HungUp, (await hung.RunAsync(ScreenFlow())).Outcome);
        Assert.Empty(hung.Channel.Prompts);

        var routed = Rig("+861066612345");
        var result = await routed.RunAsync(ScreenFlow());
        Assert.Equal(FlowOutcome.Transferred, result.Outcome);
        Assert.Equal("9999", routed.Channel.Transfers.Single().Address);
    }

    [Fact]
    public async Task Flow_branch_for_black_listed_callers_overrides_the_entry_action()
    {
        var rig = Rig("+19005551234");
        var flow = new FlowBuilder("c")
            .Add(new CallerListStep("screen", "default") { OnBlack = "blocked", Next = "normal" })
            .HangUp("blocked", "flow handled black list")
            .HangUp("normal", "normal")
            .Build();
        Assert.Equal("flow handled black list", (await rig.RunAsync(flow)).Reason);
    }
}
