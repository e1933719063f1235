using CallCenterSdk.Acd.Engine;
using CallCenterSdk.Acd.Routing;

namespace CallCenterSdk.Acd;

/// <summary>The two routing decisions: a contact looks for an agent, a free agent looks for a contact.</summary>
public sealed partial class AcdEngine
{
    /// <summary>
    /// Eligibility of a member for a contact: free capacity, not already ringing for it, the sticky
    /// agent while the sticky wait lasts, tier and routing-profile delays, and every required skill at
    /// its (possibly relaxed) minimum level.
    /// </summary>
    bool IMemberFilter.IsEligible(MemberRuntime member, ContactRuntime contact) => IsEligible(member, contact);

    private bool IsEligible(MemberRuntime member, ContactRuntime contact)
    {
        var a = member.Agent;
        if (!CanTake(a, contact.Request.Channel))
        {
            return false;
        }

        if (contact.StickyAgentSlot >= 0 && _now < contact.StickyUntilTicks && contact.StickyAgentSlot != a.Slot
            && _agents[contact.StickyAgentSlot].Presence != Presence.LoggedOut)
        {
            return false;
        }

        long waited = _now - contact.EnqueueTicks;
        if (waited < member.DelayTicks || waited < TierGate(member))
        {
            return false;
        }

        var skills = contact.RequiredSkills;
        for (int i = 0; i < skills.Length; i++)
        {
            if (a.LevelOf(skills[i]) < Math.Max(1, contact.RequiredLevels[i] - contact.Relax))
            {
                return false;
            }
        }

        var offers = contact.Offers;
        for (int i = 0; i < offers.Count; i++)
        {
            if (offers[i] == a)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>mod_callcenter tier rule: how long a contact waits before this member's level is offered.</summary>
    private static long TierGate(MemberRuntime member)
    {
        var tiers = member.Queue.Definition.Tiers;
        if (!tiers.Apply || member.Level <= 1)
        {
            return 0;
        }

        int rank = member.Level - 1;
        if (tiers.NoAgentNoWait)
        {
            // Lower levels with nobody available do not hold this level back.
            rank = 0;
            var available = member.Queue.AvailableByLevel;
            for (int level = 1; level < member.Level; level++)
            {
                if (available[level] > 0)
                {
                    rank++;
                }
            }
        }

        return rank == 0 ? 0 : tiers.MultiplyByLevel ? rank * tiers.Wait.Ticks : tiers.Wait.Ticks;
    }

    /// <summary>Contact-side decision: offer it to the best eligible agent of its queues (or all of them for ring-all).</summary>
    private void RouteContact(ContactRuntime c)
    {
        if (c.Phase != ContactPhase.Waiting && !(c.Phase == ContactPhase.Offering && c.Queue.Strategy.OffersToAll))
        {
            return;
        }

        for (int i = 0; i < c.In.Count; i++)
        {
            var strategy = c.In[i].Strategy;
            var member = strategy.Select(c, this);
            if (member is null)
            {
                continue;
            }

            if (strategy.OffersToAll)
            {
                // Ring-all rings every eligible member of the best rank that has one, never a worse rank than is ringing.
                if (c.Offers.Count > 0 && member.Rank > c.RingRank)
                {
                    return;
                }

                long rank = member.Rank;
                do
                {
                    Offer(member, c);
                }
                while ((member = strategy.Select(c, this)) is not null && member.Rank == rank);

                return;
            }

            Offer(member, c);
            if (strategy.OffersProgressively)
            {
                _timers.Add(_now + c.Queue.Definition.RingProgressivelyDelay.Ticks, new TimerEntry(TimerKind.RingProgress, c.Sequence, 0, c.Generation));
            }

            return;
        }
    }

    /// <summary>
    /// Agent-side decision: while the agent has room, take the best eligible contact across its queues
    /// (routing-profile priority, then longest wait; or longest wait only with force-longest-waiting-caller).
    /// </summary>
    private void RouteAgent(AgentRuntime a)
    {
        while (a.Presence == Presence.Ready && _now >= a.DelayUntilTicks)
        {
            var best = BestContactFor(a, out var bestMember);
            if (best is null || bestMember is null)
            {
                return;
            }

            Offer(bestMember, best);
            if (best.Queue.Strategy.OffersProgressively && best.Offers.Count == 1)
            {
                _timers.Add(_now + best.Queue.Definition.RingProgressivelyDelay.Ticks, new TimerEntry(TimerKind.RingProgress, best.Sequence, 0, best.Generation));
            }
        }
    }

    /// <summary>The agent-side decision: the best eligible contact across the agent's queues, or null.</summary>
    private ContactRuntime? BestContactFor(AgentRuntime a, out MemberRuntime? bestMember)
    {
        bestMember = null;
        ContactRuntime? best = null;
        foreach (var m in a.Members)
        {
            if (bestMember is not null && !Options.ForceLongestWaitingCaller && m.Definition.ProfilePriority > bestMember.Definition.ProfilePriority)
            {
                break; // members are sorted by profile priority
            }

            var c = FirstEligibleContact(m);
            if (c is not null && (best is null || Better(c, best)))
            {
                best = c;
                bestMember = m;
            }
        }

        return best;
    }

    private bool Better(ContactRuntime x, ContactRuntime y) => Options.ForceLongestWaitingCaller
        ? (x.ArrivalTicks, x.Sequence).CompareTo((y.ArrivalTicks, y.Sequence)) < 0
        : (x.Queue.ScoreOf(x), x.Sequence).CompareTo((y.Queue.ScoreOf(y), y.Sequence)) < 0;

    /// <summary>The first contact in the queue's service order that this member may take.</summary>
    private ContactRuntime? FirstEligibleContact(MemberRuntime m)
    {
        var q = m.Queue;
        var index = Options.ForceLongestWaitingCaller ? q.ByArrival : q.Waiting;
        if (!CanTake(m.Agent, q.Definition.Channel) || !index.First(out var e))
        {
            return null;
        }

        do
        {
            var c = _contacts[e.Secondary];
            // A ringing ring-all contact takes more agents, but none of a worse rank than those ringing.
            bool open = c.Phase == ContactPhase.Waiting || (c.Phase == ContactPhase.Offering && c.Queue.Strategy.OffersToAll && m.Rank <= c.RingRank);
            if (open && IsEligible(m, c))
            {
                return c;
            }
        }
        while (index.After(e, out e));
        return null;
    }

    /// <summary>Runs every action due by now (offer timeouts, wrap-up ends, escalations, limits). Returns how many ran.</summary>
    public int Advance()
    {
        long now = Now();
        int ran = 0;
        while (_timers.TryTakeDue(now, out var t))
        {
            ran++;
            Fire(t);
        }

        Flush();
        return ran;
    }

    private void Fire(in TimerEntry t)
    {
        switch (t.Kind)
        {
            case TimerKind.OfferTimeout:
                {
                    var a = _agents[(int)t.Target];
                    if (_contacts.TryGetValue(t.Other, out var c) && a.Find(c) is { Phase: AssignmentPhase.Reserved } x && x.PhaseSinceTicks == t.Stamp)
                    {
                        MissOffer(a, c, x, a.Definition.MissedOffers.NoAnswerDelay, AcdEventKind.TimedOut, "no-answer");
                    }

                    break;
                }

            case TimerKind.WrapUpEnd:
                {
                    var a = _agents[(int)t.Target];
                    foreach (var x in a.Assignments)
                    {
                        if (x.Phase == AssignmentPhase.WrapUp && x.PhaseSinceTicks == t.Stamp && x.Contact.Sequence == t.Other)
                        {
                            FinishWrapUp(a, x);
                            break;
                        }
                    }

                    break;
                }

            case TimerKind.DelayEnd:
                {
                    var a = _agents[(int)t.Target];
                    if (a.DelayUntilTicks == t.Stamp)
                    {
                        Reindex(a);
                        RouteAgent(a);
                    }

                    break;
                }

            case TimerKind.Recheck:
                if (Waiting(t.Target, t.Stamp) is { } recheck)
                {
                    RouteContact(recheck);
                }

                break;
            case TimerKind.Escalate:
                if (Waiting(t.Target, t.Stamp) is { } escalate && escalate.StepIndex == (int)t.Other)
                {
                    Escalate(escalate, (int)t.Other);
                }

                break;
            case TimerKind.MaxWait:
                if (Waiting(t.Target, t.Stamp) is { } late)
                {
                    Overflow(late, OverflowReason.MaxWait, late.Queue.Definition.OnMaxWait);
                }

                break;
            case TimerKind.NoAgentCheck:
                if (Waiting(t.Target, t.Stamp) is { } lonely && lonely.Queue.LoggedIn == 0 && lonely.Queue.Definition.MaxWaitWithNoAgent is { } limit)
                {
                    long emptyFor = _now - Math.Max(lonely.Queue.EmptySinceTicks, lonely.EnqueueTicks);
                    if (emptyFor >= limit.Ticks)
                    {
                        Overflow(lonely, OverflowReason.NoAgent, lonely.Queue.Definition.OnNoAgent);
                    }
                }

                break;
            case TimerKind.QueueEmptyCheck:
                {
                    var q = _queues[(int)t.Target];
                    if (q.LoggedIn == 0 && q.EmptySinceTicks == t.Stamp && q.Definition.MaxWaitWithNoAgent is { } max)
                    {
                        foreach (var c in WaitingContacts(q))
                        {
                            if (c.Queue == q && _now - Math.Max(q.EmptySinceTicks, c.EnqueueTicks) >= max.Ticks)
                            {
                                Overflow(c, OverflowReason.NoAgent, q.Definition.OnNoAgent);
                            }
                        }
                    }

                    break;
                }

            case TimerKind.RingProgress:
                if (_contacts.TryGetValue(t.Target, out var ringing) && ringing.Generation == t.Stamp && ringing.Phase == ContactPhase.Offering)
                {
                    var member = ringing.Queue.Strategy.Select(ringing, this);
                    if (member is not null)
                    {
                        Offer(member, ringing);
                    }

                    _timers.Add(_now + ringing.Queue.Definition.RingProgressivelyDelay.Ticks, new TimerEntry(TimerKind.RingProgress, ringing.Sequence, 0, ringing.Generation));
                }

                break;
        }
    }

    private ContactRuntime? Waiting(long sequence, long generation) =>
        _contacts.TryGetValue(sequence, out var c) && c.Generation == generation && c.Phase is ContactPhase.Waiting or ContactPhase.Offering ? c : null;
}
