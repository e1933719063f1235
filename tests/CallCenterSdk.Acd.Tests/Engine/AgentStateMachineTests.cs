using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Engine;

public sealed class AgentStateMachineTests
{
    private static (AcdHarness H, QueueId Q, AgentId Agent) OneAgent(Func<QueueDefinition, QueueDefinition>? configure = null, MissedOfferPolicy? policy = null)
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: configure);
        h.Engine.DefineAgent(new AgentDefinition { Id = A("a"), Queues = [In(q)], MissedOffers = policy ?? MissedOfferPolicy.Default });
        return (h, q, A("a"));
    }

    private static AgentState State(AcdHarness h, AgentId a) => h.Engine.GetAgentStatus(a).State;

    [Fact]
    public void Full_cycle_walks_through_every_state_with_time_accounted()
    {
        var (h, q, a) = OneAgent(d => d with { WrapUp = TimeSpan.FromSeconds(30) });
        Assert.Equal(AgentState.LoggedOut, State(h, a));
        h.Engine.Login(a);
        Assert.Equal(AgentState.Available, State(h, a));
        h.Wait(10);
        var c = h.Call(q).Contact;
        Assert.Equal(AgentState.Reserved, State(h, a));
        h.Wait(3);
        h.Engine.Accept(a, c);
        Assert.Equal(AgentState.OnContact, State(h, a));
        h.Wait(100);
        h.Engine.Release(c);
        Assert.Equal(AgentState.WrapUp, State(h, a));
        h.Wait(30);
        Assert.Equal(AgentState.Available, State(h, a));
        h.Engine.SetNotReady(a, NotReadyReasons.Lunch);
        var status = h.Engine.GetAgentStatus(a);
        Assert.Equal(AgentState.NotReady, status.State);
        Assert.Equal("lunch", status.NotReadyReason);
        h.Wait(60);
        h.Engine.Logout(a);
        status = h.Engine.GetAgentStatus(a);
        Assert.Equal(TimeSpan.FromSeconds(10), status.TimeInState[(int)AgentState.Available]);
        Assert.Equal(TimeSpan.FromSeconds(3), status.TimeInState[(int)AgentState.Reserved]);
        Assert.Equal(TimeSpan.FromSeconds(100), status.TimeInState[(int)AgentState.OnContact]);
        Assert.Equal(TimeSpan.FromSeconds(30), status.TimeInState[(int)AgentState.WrapUp]);
        Assert.Equal(TimeSpan.FromSeconds(60), status.TimeInState[(int)AgentState.NotReady]);
        var changes = h.Of(AcdEventKind.AgentStateChanged).Select(e => e.ToState).ToArray();
        Assert.Equal([AgentState.Available, AgentState.Reserved, AgentState.OnContact, AgentState.WrapUp, AgentState.Available, AgentState.NotReady, AgentState.LoggedOut], changes);
    }

    [Fact]
    public void Illegal_transitions_are_refused_with_a_reason()
    {
        var (h, q, a) = OneAgent(d => d with { WrapUp = null });
        AcdException E(Action act) => Assert.Throws<AcdException>(act);
        Assert.Equal(AcdError.IllegalTransition, E(() => h.Engine.SetReady(a)).Error);
        Assert.Contains("log in first", E(() => h.Engine.SetNotReady(a, "break")).Message, StringComparison.Ordinal);
        Assert.Equal(AcdError.IllegalTransition, E(() => h.Engine.Logout(a)).Error);
        h.Engine.Login(a);
        Assert.Contains("already logged in", E(() => h.Engine.Login(a)).Message, StringComparison.Ordinal);
        h.Engine.SetNotReady(a, "break");
        var c = h.Call(q).Contact;
        Assert.Contains("no offer", E(() => h.Engine.Accept(a, c)).Message, StringComparison.Ordinal);
        h.Engine.SetReady(a);
        h.Engine.Accept(a, c);
        Assert.Contains("still has 1 contact", E(() => h.Engine.Logout(a)).Message, StringComparison.Ordinal);
        Assert.Equal(AcdError.IllegalTransition, E(() => h.Engine.Abandon(c)).Error);
        Assert.Equal(AcdError.IllegalTransition, E(() => h.Engine.EndWrapUp(a, c)).Error);
        h.Engine.Release(c);
        Assert.Equal(AgentState.WrapUp, State(h, a)); // manual wrap-up waits for the agent
        h.Wait(600);
        Assert.Equal(AgentState.WrapUp, State(h, a));
        h.Engine.EndWrapUp(a, c);
        Assert.Equal(AgentState.Available, State(h, a));
        Assert.Equal(AcdError.UnknownContact, E(() => h.Engine.Release(c)).Error);
        Assert.Equal(AcdError.UnknownAgent, E(() => h.Engine.Login(A("ghost"))).Error);
        Assert.Equal(AcdError.IllegalTransition, E(() => h.Engine.ForceState(a, AgentState.OnContact)).Error);
    }

    [Fact]
    public void No_answer_pauses_the_agent_then_max_no_answer_sets_not_ready()
    {
        var policy = new MissedOfferPolicy { NoAnswerDelay = TimeSpan.FromSeconds(15), MaxNoAnswer = 2 };
        var (h, q, a) = OneAgent(d => d with { OfferTimeout = TimeSpan.FromSeconds(10) }, policy);
        h.Engine.Login(a);
        var c = h.Call(q).Contact;
        h.Wait(10);
        Assert.Single(h.Of(AcdEventKind.TimedOut));
        Assert.Empty(h.Ringing(c)); // paused for the no-answer delay
        Assert.NotNull(h.Engine.GetAgentStatus(a).OffersPausedUntil);
        h.Wait(14);
        Assert.Empty(h.Ringing(c));
        h.Wait(1);
        Assert.Equal([a], h.Ringing(c)); // offered again after the delay
        h.Wait(10);
        var status = h.Engine.GetAgentStatus(a);
        Assert.Equal(AgentState.NotReady, status.State);
        Assert.Equal(NotReadyReasons.MaxNoAnswer, status.NotReadyReason);
        Assert.Single(h.Engine.GetWaitingContacts(q));
    }

    [Fact]
    public void Reject_and_busy_use_their_own_delays()
    {
        var policy = new MissedOfferPolicy { RejectDelay = TimeSpan.FromSeconds(5), BusyDelay = TimeSpan.FromSeconds(50) };
        var (h, q, a) = OneAgent(policy: policy);
        h.Engine.Login(a);
        var c = h.Call(q).Contact;
        h.Engine.Reject(a, c);
        h.Wait(5);
        Assert.Equal([a], h.Ringing(c));
        h.Engine.Reject(a, c, busy: true);
        h.Wait(49);
        Assert.Empty(h.Ringing(c));
        h.Wait(1);
        Assert.Equal([a], h.Ringing(c));
        Assert.Equal(["rejected", "busy"], h.Of(AcdEventKind.Rejected).Select(e => e.Reason));
    }

    [Fact]
    public void Max_no_answer_can_log_the_agent_out()
    {
        var policy = new MissedOfferPolicy { MaxNoAnswer = 1, StateAfterMaxNoAnswer = AgentState.LoggedOut };
        var (h, q, a) = OneAgent(d => d with { OfferTimeout = TimeSpan.FromSeconds(5) }, policy);
        h.Engine.Login(a);
        h.Call(q);
        h.Wait(5);
        Assert.Equal(AgentState.LoggedOut, State(h, a));
    }

    [Fact]
    public void Supervisor_forces_states_and_ringing_offers_go_back_to_the_queue()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        h.Agent("a", In(q));
        h.Agent("b", In(q));
        h.Engine.Login(A("a"));
        var c = h.Call(q).Contact;
        Assert.Equal([A("a")], h.Ringing(c));
        h.Engine.ForceState(A("a"), AgentState.NotReady);
        Assert.Equal(NotReadyReasons.Supervisor, h.Engine.GetAgentStatus(A("a")).NotReadyReason);
        Assert.Empty(h.Ringing(c));
        h.Engine.Login(A("b"));
        Assert.Equal([A("b")], h.Ringing(c));
        h.Engine.Accept(A("b"), c);
        h.Engine.ForceState(A("b"), AgentState.LoggedOut);
        Assert.Equal(AgentState.OnContact, State(h, A("b"))); // the call goes on
        h.Engine.Release(c);
        Assert.Equal(AgentState.LoggedOut, State(h, A("b")));
        h.Engine.ForceState(A("a"), AgentState.Available);
        Assert.Equal(AgentState.Available, State(h, A("a")));
    }

    [Fact]
    public void An_agent_can_grab_a_waiting_contact_even_when_not_ready()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        var other = h.Queue("other");
        h.Agent("a", In(q));
        h.Agent("x", In(other));
        h.Engine.Login(A("a"), NotReadyReasons.Break);
        h.Engine.Login(A("x"));
        var c = h.Call(q).Contact;
        Assert.Equal(AcdError.IllegalTransition, Assert.Throws<AcdException>(() => h.Engine.Grab(A("x"), c)).Error);
        h.Engine.Grab(A("a"), c);
        Assert.Equal(A("a"), h.Engine.GetAgentOf(c));
        Assert.Equal("grab", h.Of(AcdEventKind.Answered).Single().Reason);
        Assert.Equal(AcdError.AlreadyAnswered, Assert.Throws<AcdException>(() => h.Engine.Grab(A("a"), c)).Error);
    }

    [Fact]
    public void Chat_capacity_allows_three_chats_and_blocks_voice()
    {
        var h = new AcdHarness();
        var chat = h.Queue("chat", configure: d => d with { Channel = Channel.Chat });
        var voice = h.Queue("voice");
        h.Agent("a", In(chat), In(voice));
        h.Engine.Login(A("a"));
        var chats = Enumerable.Range(0, 4).Select(_ => h.Engine.Enqueue(new ContactRequest { Queue = chat, Channel = Channel.Chat }).Contact).ToArray();
        for (int i = 0; i < 3; i++)
        {
            h.Engine.Accept(A("a"), chats[i]);
        }

        Assert.Empty(h.Ringing(chats[3]));
        var call = h.Call(voice).Contact;
        Assert.Empty(h.Ringing(call));
        h.Engine.Release(chats[0]);
        Assert.Equal([A("a")], h.Ringing(chats[3]));
        Assert.Equal(3, h.Engine.GetAgentStatus(A("a")).Contacts.Count);
        Assert.Equal(AcdError.InvalidDefinition, Assert.Throws<AcdException>(() => h.Engine.Enqueue(new ContactRequest { Queue = voice, Channel = Channel.Chat })).Error);
    }

    [Fact]
    public void Hold_time_is_kept_apart_from_talk_time()
    {
        var (h, q, a) = OneAgent();
        h.Engine.Login(a);
        var c = h.Call(q).Contact;
        h.Engine.Accept(a, c);
        h.Wait(20);
        h.Engine.SetHold(c, true);
        Assert.Equal(AcdError.IllegalTransition, Assert.Throws<AcdException>(() => h.Engine.SetHold(c, true)).Error);
        h.Wait(15);
        h.Engine.SetHold(c, false);
        h.Wait(5);
        h.Engine.Release(c);
        var done = h.Of(AcdEventKind.Completed).Single();
        Assert.Equal(TimeSpan.FromSeconds(25), done.Talk);
        Assert.Equal(TimeSpan.FromSeconds(15), done.Hold);
    }

    [Fact]
    public void Definitions_are_validated_per_tenant_and_range()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        var foreign = new QueueId(new TenantId("t2"), "q");
        h.Engine.DefineQueue(new QueueDefinition { Id = foreign });
        Assert.Equal(AcdError.InvalidDefinition, Assert.Throws<AcdException>(() => h.Agent("a", In(foreign))).Error);
        Assert.Equal(AcdError.InvalidDefinition, Assert.Throws<AcdException>(() => h.Agent("b", [new SkillLevel(S("x"), 11)], In(q))).Error);
        Assert.Equal(AcdError.InvalidDefinition, Assert.Throws<AcdException>(() => h.Agent("d", [new SkillLevel(S("x"), 3), new SkillLevel(S("x"), 5)], In(q))).Error);
        Assert.Equal(AcdError.UnknownQueue, Assert.Throws<AcdException>(() => h.Agent("c", In(Q("missing")))).Error);
        Assert.Equal(AcdError.InvalidDefinition, Assert.Throws<AcdException>(() => h.Engine.DefineQueue(new QueueDefinition { Id = q })).Error);
        Assert.Equal(AcdError.InvalidDefinition, Assert.Throws<AcdException>(() => h.Call(q, skills: new SkillRequirement(new SkillId(new TenantId("t2"), "x"), 1))).Error);
    }
}
