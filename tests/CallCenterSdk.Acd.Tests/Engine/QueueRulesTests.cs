using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Engine;

/// <summary>Contact order, priorities, tiers, profiles, escalation, sticky routing, limits and overflow.</summary>
public sealed class QueueRulesTests
{
    private static AgentId Free(AcdHarness h, string name)
    {
        h.Engine.Login(A(name));
        return A(name);
    }

    [Fact]
    public void Priority_classes_go_first_and_equal_priority_is_fifo()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        h.Agent("a", In(q));
        var low1 = h.Call(q).Contact;
        h.Wait(1);
        var high = h.Call(q, priority: 2).Contact;
        h.Wait(1);
        var low2 = h.Call(q).Contact;
        h.Wait(1);
        var vip = h.Call(q, vip: true).Contact; // boost 10 beats priority 2
        Assert.Equal([vip, high, low1, low2], h.Engine.GetWaitingContacts(q));
        Assert.Equal(1, h.Engine.GetPosition(vip));
        Assert.Equal(4, h.Engine.GetPosition(low2));
        Free(h, "a");
        Assert.Equal([A("a")], h.Ringing(vip));
    }

    [Fact]
    public void Aging_lets_a_long_waiting_low_priority_contact_overtake()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { AgingSecondsPerPriorityPoint = 30 });
        h.Agent("a", In(q));
        var old = h.Call(q).Contact;
        h.Wait(90); // worth 3 points
        var urgent = h.Call(q, priority: 2).Contact;
        Assert.Equal([old, urgent], h.Engine.GetWaitingContacts(q));
        var urgent2 = h.Call(q, priority: 4).Contact;
        Assert.Equal([urgent2, old, urgent], h.Engine.GetWaitingContacts(q));
    }

    [Fact]
    public void Routing_profile_priority_decides_which_queue_a_free_agent_serves()
    {
        var h = new AcdHarness();
        var gold = h.Queue("gold");
        var basic = h.Queue("basic");
        h.Agent("a", In(basic, priority: 2), In(gold, priority: 1));
        var b = h.Call(basic).Contact;
        h.Wait(60);
        var g = h.Call(gold).Contact;
        Free(h, "a");
        Assert.Equal([A("a")], h.Ringing(g));
        Assert.Empty(h.Ringing(b));
    }

    [Fact]
    public void Force_longest_waiting_caller_ignores_queue_priority()
    {
        var h = new AcdHarness(new AcdOptions { ForceLongestWaitingCaller = true });
        var gold = h.Queue("gold");
        var basic = h.Queue("basic");
        h.Agent("a", In(basic, priority: 2), In(gold, priority: 1));
        var b = h.Call(basic).Contact;
        h.Wait(60);
        h.Call(gold);
        Free(h, "a");
        Assert.Equal([A("a")], h.Ringing(b));
    }

    [Fact]
    public void Routing_profile_delay_holds_contacts_back_from_the_agent()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        h.Agent("backup", In(q, delaySeconds: 30));
        Free(h, "backup");
        var c = h.Call(q).Contact;
        Assert.Empty(h.Ringing(c));
        h.Wait(29);
        Assert.Empty(h.Ringing(c));
        h.Wait(1);
        Assert.Equal([A("backup")], h.Ringing(c));
    }

    [Fact]
    public void Tier_rules_wait_before_offering_the_next_level()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { Tiers = new TierRules { Apply = true, Wait = TimeSpan.FromSeconds(20), NoAgentNoWait = false } });
        h.Agent("first", In(q, level: 1));
        h.Agent("second", In(q, level: 2));
        h.Agent("third", In(q, level: 3));
        Free(h, "second");
        Free(h, "third");
        var c = h.Call(q).Contact;
        Assert.Empty(h.Ringing(c)); // level 2 waits 20 s even though level 1 has nobody
        h.Wait(20);
        Assert.Equal([A("second")], h.Ringing(c));
        h.Engine.Reject(A("second"), c);
        h.Engine.SetNotReady(A("second"), NotReadyReasons.Break);
        h.Wait(20);
        Assert.Equal([A("third")], h.Ringing(c));
    }

    [Fact]
    public void Tier_rule_no_agent_no_wait_skips_empty_levels()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { Tiers = new TierRules { Apply = true, Wait = TimeSpan.FromSeconds(20), NoAgentNoWait = true } });
        h.Agent("first", In(q, level: 1));
        h.Agent("second", In(q, level: 2));
        Free(h, "second");
        var c = h.Call(q).Contact;
        Assert.Equal([A("second")], h.Ringing(c));
    }

    [Fact]
    public void Escalation_relaxes_the_level_then_widens_to_another_queue()
    {
        var h = new AcdHarness();
        var fr = S("french");
        var q = h.Queue("q", configure: d => d with
        {
            Escalation =
            [
                new EscalationStep { After = TimeSpan.FromSeconds(30), RelaxLevelsBy = 3 },
                new EscalationStep { After = TimeSpan.FromSeconds(60), AlsoTarget = [Q("overflow")] },
            ],
        });
        var wide = h.Queue("overflow");
        h.Agent("weak", [new SkillLevel(fr, 5)], In(q));
        h.Agent("helper", [new SkillLevel(fr, 2)], In(wide));
        Free(h, "weak");
        Free(h, "helper");
        var c = h.Call(q, skills: new SkillRequirement(fr, 8)).Contact;
        Assert.Empty(h.Ringing(c));
        h.Wait(30);
        Assert.Equal([A("weak")], h.Ringing(c)); // 8 - 3 = 5
        h.Engine.Reject(A("weak"), c);
        h.Engine.SetNotReady(A("weak"), "break");
        h.Wait(30);
        // Relaxed to 5: helper (2) is still too weak for the contact, even in the wider target set.
        Assert.Empty(h.Ringing(c));
        Assert.Equal(2, h.Of(AcdEventKind.Escalated).Count());
    }

    [Fact]
    public void Escalation_step_is_skipped_when_nobody_eligible_is_available()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with
        {
            Escalation =
            [
                new EscalationStep { After = TimeSpan.FromSeconds(10), RelaxLevelsBy = 1, SkipWhenNoAgentAvailable = true },
                new EscalationStep { After = TimeSpan.FromSeconds(300), AlsoTarget = [Q("wide")] },
            ],
        });
        var wide = h.Queue("wide");
        h.Agent("spare", In(wide));
        Free(h, "spare");
        var c = h.Call(q).Contact;
        h.Wait(10);
        // Step 1 finds nobody in q, so step 2 starts at once instead of at 300 s.
        Assert.Equal([A("spare")], h.Ringing(c));
    }

    [Fact]
    public void Sticky_routing_holds_a_returning_caller_for_their_last_agent()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { StickyWait = TimeSpan.FromSeconds(30) });
        h.Agent("a", In(q));
        h.Agent("b", In(q));
        Free(h, "a");
        var first = h.Call(q, caller: "+100").Contact;
        h.Engine.Accept(A("a"), first);
        Free(h, "b");
        var back = h.Call(q, caller: "+100").Contact;
        Assert.Empty(h.Ringing(back)); // b is free but a served this caller
        h.Engine.Release(first);
        Assert.Equal([A("a")], h.Ringing(back));
        h.Engine.Reject(A("a"), back);
        h.Engine.SetNotReady(A("a"), NotReadyReasons.Break);
        h.Wait(29);
        Assert.Empty(h.Ringing(back)); // still held for a
        h.Wait(1);
        Assert.Equal([A("b")], h.Ringing(back)); // sticky time over: anyone
        var stranger = h.Call(q, caller: "+200").Contact;
        Assert.Empty(h.Ringing(stranger));
    }

    [Fact]
    public void Full_queue_overflows_to_the_configured_queue_keeping_the_contact()
    {
        var h = new AcdHarness();
        var spill = h.Queue("spill");
        var q = h.Queue("q", configure: d => d with { MaxLength = 2, OnFull = OverflowTarget.ToQueue(spill) });
        h.Call(q);
        h.Call(q);
        var third = h.Call(q);
        Assert.Equal(EnqueueOutcome.Queued, third.Outcome);
        Assert.Equal([third.Contact], h.Engine.GetWaitingContacts(spill));
        var e = h.Of(AcdEventKind.Overflowed).Single();
        Assert.Equal("queue-full", e.Reason);
        Assert.Equal(q, e.Queue);
    }

    [Fact]
    public void Max_wait_sends_the_contact_to_voicemail()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { MaxWait = TimeSpan.FromSeconds(120), OnMaxWait = OverflowTarget.ToVoicemail("box1") });
        var c = h.Call(q).Contact;
        h.Wait(119);
        Assert.Empty(h.Of(AcdEventKind.Overflowed));
        h.Wait(1);
        var e = h.Of(AcdEventKind.Overflowed).Single();
        Assert.Equal(OverflowTargetKind.Voicemail, e.Target!.Kind);
        Assert.Equal("box1", e.Target.Destination);
        Assert.Equal(TimeSpan.FromSeconds(120), e.Wait);
        Assert.Equal(0, h.Engine.ActiveContacts);
        Assert.Equal(AcdError.UnknownContact, Assert.Throws<AcdException>(() => h.Engine.Abandon(c)).Error);
    }

    [Fact]
    public void Join_empty_rule_rejects_when_nobody_is_logged_in()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { JoinEmpty = JoinEmptyRule.RejectWhenNoAgentLoggedIn, OnNoAgent = OverflowTarget.ToIvr("closed") });
        h.Agent("a", In(q));
        var r = h.Call(q);
        Assert.Equal(EnqueueOutcome.Overflowed, r.Outcome);
        Assert.Equal(OverflowReason.NoAgent, r.Reason);
        Assert.Equal("closed", r.Target!.Destination);
        h.Engine.Login(A("a"), NotReadyReasons.Break);
        Assert.Equal(EnqueueOutcome.Queued, h.Call(q).Outcome);
    }

    [Fact]
    public void Join_empty_rule_rejects_when_nobody_is_ready_but_takes_busy_agents_as_ready()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { JoinEmpty = JoinEmptyRule.RejectWhenNoAgentReady, OnNoAgent = OverflowTarget.ToVoicemail("closed"), WrapUp = TimeSpan.FromSeconds(30) });
        h.Agent("a", In(q));
        h.Agent("b", In(q));

        // Logged out, then logged in but not ready: both count as nobody ready.
        Assert.Equal(EnqueueOutcome.Overflowed, h.Call(q).Outcome);
        h.Engine.Login(A("a"), NotReadyReasons.Lunch);
        var r = h.Call(q);
        Assert.Equal(EnqueueOutcome.Overflowed, r.Outcome);
        Assert.Equal(OverflowReason.NoAgent, r.Reason);
        Assert.Equal(OverflowTargetKind.Voicemail, r.Target!.Kind);

        // Ready, ringing, on a contact and in wrap-up all count as ready.
        h.Engine.Login(A("b"));
        var first = h.Call(q);
        Assert.Equal(EnqueueOutcome.Offered, first.Outcome); // b rings
        Assert.Equal(EnqueueOutcome.Queued, h.Call(q).Outcome);
        h.Engine.Accept(A("b"), first.Contact);
        Assert.Equal(EnqueueOutcome.Queued, h.Call(q).Outcome);
        h.Engine.Release(first.Contact);
        Assert.Equal(AgentState.WrapUp, h.Engine.GetAgentStatus(A("b")).State);
        Assert.Equal(EnqueueOutcome.Queued, h.Call(q).Outcome);
        Assert.Equal(2, h.Of(AcdEventKind.Overflowed).Count(e => e.Reason == "no-agent"));
    }

    [Fact]
    public void Leave_when_empty_sends_waiting_contacts_away_when_the_last_agent_leaves()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { LeaveWhenEmpty = true, OnNoAgent = OverflowTarget.HangUp("closed") });
        h.Agent("a", In(q));
        h.Engine.Login(A("a"), NotReadyReasons.Break);
        h.Call(q);
        h.Call(q);
        h.Engine.Logout(A("a"));
        Assert.Equal(2, h.Of(AcdEventKind.Overflowed).Count(e => e.Reason == "leave-when-empty"));
        Assert.Empty(h.Engine.GetWaitingContacts(q));
    }

    [Fact]
    public void Max_wait_with_no_agent_counts_only_the_time_without_agents()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { MaxWaitWithNoAgent = TimeSpan.FromSeconds(60) });
        h.Agent("a", In(q));
        h.Engine.Login(A("a"), NotReadyReasons.Break);
        h.Call(q);
        h.Wait(100);
        Assert.Empty(h.Of(AcdEventKind.Overflowed)); // an agent was logged in
        h.Engine.Logout(A("a"));
        h.Wait(59);
        Assert.Empty(h.Of(AcdEventKind.Overflowed));
        h.Wait(1);
        Assert.Equal("no-agent", h.Of(AcdEventKind.Overflowed).Single().Reason);
    }

    [Fact]
    public void Overflow_loops_end_in_a_hang_up()
    {
        var h = new AcdHarness();
        var a = h.Queue("a", configure: d => d with { MaxLength = 1, OnFull = OverflowTarget.ToQueue(Q("b")) });
        h.Queue("b", configure: d => d with { MaxLength = 1, OnFull = OverflowTarget.ToQueue(Q("a")) });
        h.Call(a);
        h.Call(a); // goes to b
        var r = h.Call(a); // a full -> b full -> a ... until the hop limit
        Assert.Equal(EnqueueOutcome.Overflowed, r.Outcome);
        Assert.Equal("overflow-loop", r.Target!.Reason);
    }

    [Fact]
    public void Expected_wait_is_position_times_handle_time_over_staffed_agents()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { InitialHandleTimeEstimate = TimeSpan.FromSeconds(120) });
        h.Agent("a", In(q));
        h.Agent("b", In(q));
        h.Engine.Login(A("a"));
        h.Engine.Login(A("b"));
        h.Engine.Accept(A("a"), h.Call(q).Contact);
        h.Engine.Accept(A("b"), h.Call(q).Contact);
        h.Call(q);
        var third = h.Call(q).Contact;
        Assert.Equal(2, h.Engine.GetPosition(third));
        Assert.Equal(TimeSpan.FromSeconds(120), h.Engine.GetExpectedWait(third)); // 2 x 120 / 2
        Assert.Equal(2, h.Of(AcdEventKind.Queued).Last().Position);
        var status = h.Engine.GetQueueStatus(q);
        Assert.Equal(2, status.Waiting);
        Assert.Equal(2, status.Agents.OnContact);
    }

    [Fact]
    public void Transfer_puts_the_agent_in_wrap_up_and_the_contact_in_the_target_queue()
    {
        var h = new AcdHarness();
        var sales = h.Queue("sales", configure: d => d with { WrapUp = TimeSpan.FromSeconds(10) });
        var support = h.Queue("support");
        h.Agent("s", In(sales));
        h.Agent("t", In(support));
        h.Engine.Login(A("s"));
        var c = h.Call(sales).Contact;
        h.Engine.Accept(A("s"), c);
        h.Wait(40);
        var r = h.Engine.Transfer(c, support);
        Assert.Equal(EnqueueOutcome.Queued, r.Outcome);
        Assert.Equal(AgentState.WrapUp, h.Engine.GetAgentStatus(A("s")).State);
        h.Engine.Login(A("t"));
        h.Engine.Accept(A("t"), c);
        h.Wait(10);
        var completed = h.Of(AcdEventKind.Completed).Single();
        Assert.Equal("transferred", completed.Reason);
        Assert.Equal(TimeSpan.FromSeconds(40), completed.Talk);
        Assert.Equal(TimeSpan.FromSeconds(10), completed.WrapUp);
        Assert.Single(h.Of(AcdEventKind.Transferred));
    }

    [Fact]
    public void Abandon_withdraws_offers_and_reports_the_wait()
    {
        var h = new AcdHarness();
        var q = h.RingAllQueueWithTwoAgents();
        var c = h.Call(q).Contact;
        h.Wait(7);
        h.Engine.Abandon(c);
        Assert.Equal(TimeSpan.FromSeconds(7), h.Of(AcdEventKind.Abandoned).Single().Wait);
        Assert.Equal(2, h.Of(AcdEventKind.OfferWithdrawn).Count());
        Assert.Equal(2, h.Engine.GetQueueStatus(q).Agents.Available);
    }

    [Fact]
    public void Tenants_see_only_their_own_figures()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        var other = new QueueId(new TenantId("t2"), "q");
        h.Engine.DefineQueue(new QueueDefinition { Id = other });
        h.Call(q);
        h.Engine.Enqueue(new ContactRequest { Queue = other });
        h.Engine.Enqueue(new ContactRequest { Queue = other });
        Assert.Equal(1, h.Engine.GetTenantStatus(Tenant).Waiting);
        Assert.Equal(2, h.Engine.GetTenantStatus(new TenantId("t2")).Waiting);
        var id = h.Engine.GetWaitingContacts(other)[0];
        Assert.Equal(AcdError.UnknownContact, Assert.Throws<AcdException>(() => h.Engine.Abandon(id with { Tenant = Tenant })).Error);
    }

    [Fact]
    public void An_overflow_target_of_another_channel_releases_the_caller_with_a_reason()
    {
        var h = new AcdHarness();
        h.Queue("chat", configure: d => d with { Channel = Channel.Chat });
        var q = h.Queue("q", configure: d => d with { MaxLength = 1, OnFull = OverflowTarget.ToQueue(Q("chat")) });
        h.Call(q);
        var r = h.Call(q);
        Assert.Equal(EnqueueOutcome.Overflowed, r.Outcome);
        Assert.Equal("overflow-target-invalid", r.Target!.Reason);
        Assert.Single(h.Of(AcdEventKind.Overflowed));
        Assert.Equal(1, h.Engine.ActiveContacts);
    }
}
