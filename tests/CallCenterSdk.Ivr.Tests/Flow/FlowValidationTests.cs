using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;

namespace CallCenterSdk.Ivr.Tests.Flow;

public class FlowValidationTests
{
    [Fact]
    public void Missing_targets_are_reported_per_node()
    {
        var e = Assert.Throws<FlowValidationException>(() => new FlowBuilder("f")
            .Play("a", "nowhere", Prompt.Say("x"))
            .Build());
        var error = Assert.Single(e.Errors);
        Assert.Equal(FlowValidationCode.MissingTarget, error.Code);
        Assert.Equal("a", error.NodeId);
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_nodes_and_duplicates_are_reported()
    {
        var e = Assert.Throws<FlowValidationException>(() => new FlowBuilder("f")
            .Play("a", null, Prompt.Say("x"))
            .Play("orphan", null, Prompt.Say("y"))
            .Play("a", null, Prompt.Say("z"))
            .Build());
        Assert.Contains(e.Errors, x => x.Code == FlowValidationCode.UnreachableNode && x.NodeId == "orphan");
        Assert.Contains(e.Errors, x => x.Code == FlowValidationCode.DuplicateNode && x.NodeId == "a");
    }

    [Fact]
    public void A_loop_that_never_takes_input_is_refused_but_one_through_a_menu_is_fine()
    {
        var e = Assert.Throws<FlowValidationException>(() => new FlowBuilder("f")
            .Play("a", "b", Prompt.Say("x"))
            .Set("b", "c", ("n", "1"))
            .Goto("c", "a")
            .Build());
        var loop = Assert.Single(e.Errors);
        Assert.Equal(FlowValidationCode.LoopWithoutInput, loop.Code);
        Assert.Contains("'a' -> 'b' -> 'c'", loop.Message, StringComparison.Ordinal);

        Assert.Throws<FlowValidationException>(() => new FlowBuilder("g").Goto("self", "self").Build());

        var ok = new FlowBuilder("h")
            .Play("a", "menu", Prompt.Say("x"))
            .Menu("menu", [Prompt.Say("m")], ('1', "a"), ('2', "bye"))
            .HangUp("bye", "bye")
            .Build();
        Assert.Equal(3, ok.Steps.Count);
    }

    [Fact]
    public void Barge_in_play_counts_as_taking_input()
    {
        var flow = new FlowBuilder("f")
            .Add(new PlayStep("music", [Prompt.Say("press any key")]) { BargeIn = true, Next = "music2" })
            .Goto("music2", "music")
            .Build();
        Assert.Equal("music", flow.Start);
    }
}
