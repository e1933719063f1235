using CallCenterSdk.Acd.Statistics;
using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Engine;

public class WithdrawTests
{
    [Fact]
    public void A_withdrawn_contact_leaves_as_a_timeout_exit_not_an_abandon_and_its_offers_are_withdrawn()
    {
        var h = new AcdHarness();
        var q = h.RingAllQueueWithTwoAgents();
        var statistics = new IntervalStatistics();
        h.Engine.Subscribe(new Sink(statistics));
        var c = h.Call(q).Contact;
        Assert.Equal(2, h.Ringing(c).Count);
        h.Wait(9);

        h.Engine.Withdraw(c, OverflowTarget.ToIvr("transfer-timeout"));

        var e = h.Of(AcdEventKind.Overflowed).Single();
        Assert.Equal("max-wait", e.Reason);
        Assert.Equal(OverflowTargetKind.Ivr, e.Target!.Kind);
        Assert.Equal("transfer-timeout", e.Target.Destination);
        Assert.Equal(TimeSpan.FromSeconds(9), e.Wait);
        Assert.Empty(h.Of(AcdEventKind.Abandoned));
        Assert.Equal(2, h.Of(AcdEventKind.OfferWithdrawn).Count());
        Assert.Equal(0, h.Engine.ActiveContacts);
        Assert.Empty(h.Engine.GetWaitingContacts(q));
        Assert.Equal(2, h.Engine.GetQueueStatus(q).Agents.Available);
        var figures = statistics.Summarize(q, h.Time.GetUtcNow().AddHours(-1), h.Time.GetUtcNow().AddHours(1));
        Assert.Equal((1L, 0L, 1L), (figures.Offered, figures.Abandoned, figures.Overflowed));

        // Gone from the ACD: a later agent is not offered it, and neither abandon nor a second withdrawal applies.
        h.Agent("c", In(q));
        h.Engine.Login(A("c"));
        Assert.DoesNotContain(h.Of(AcdEventKind.Reserved), r => r.Agent == A("c"));
        Assert.Equal(AcdError.UnknownContact, Assert.Throws<AcdException>(() => h.Engine.Abandon(c)).Error);
        Assert.Equal(AcdError.UnknownContact, Assert.Throws<AcdException>(() => h.Engine.Withdraw(c, OverflowTarget.HangUp("x"))).Error);
    }

    [Fact]
    public void A_connected_contact_cannot_be_withdrawn_and_a_queue_is_not_a_target()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        h.Agent("a", In(q));
        h.Engine.Login(A("a"));
        var c = h.Call(q).Contact;
        Assert.Throws<ArgumentException>(() => h.Engine.Withdraw(c, OverflowTarget.ToQueue(q)));
        h.AcceptOffer(c);
        Assert.Equal(AcdError.IllegalTransition, Assert.Throws<AcdException>(() => h.Engine.Withdraw(c, OverflowTarget.HangUp("late"))).Error);
    }

    private sealed class Sink(IntervalStatistics statistics) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent) => statistics.OnEvent(acdEvent);
    }
}
