using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd;

/// <summary>The agent state machine: log in/out, ready/not ready, offers, wrap-up, supervisor changes.</summary>
public sealed partial class AcdEngine
{
    /// <summary>Logs the agent in, ready (or not ready with a reason). Illegal when already logged in.</summary>
    public void Login(AgentId agentId, string? notReadyReason = null)
    {
        Now();
        EnsureMembersResolved();
        var a = AgentOf(agentId);
        if (a.Presence != Presence.LoggedOut || a.Assignments.Count > 0)
        {
            throw Illegal(a, "log in", "it is already logged in");
        }

        a.ConsecutiveNoAnswer = 0;
        a.DelayUntilTicks = 0;
        SetPresence(a, notReadyReason is null ? Presence.Ready : Presence.NotReady, notReadyReason);
        Flush();
    }

    /// <summary>Logs the agent out. Illegal while it still has contacts (a supervisor can force it with <see cref="ForceState"/>).</summary>
    public void Logout(AgentId agentId)
    {
        Now();
        var a = AgentOf(agentId);
        if (a.Presence == Presence.LoggedOut)
        {
            throw Illegal(a, "log out", "it is not logged in");
        }

        if (a.Assignments.Count > 0)
        {
            throw Illegal(a, "log out", "it still has " + a.Assignments.Count + " contact(s) ringing, connected or in wrap-up");
        }

        SetPresence(a, Presence.LoggedOut, null);
        Flush();
    }

    /// <summary>Makes a logged-in agent ready; it is offered contacts at once.</summary>
    public void SetReady(AgentId agentId)
    {
        Now();
        var a = AgentOf(agentId);
        if (a.Presence == Presence.LoggedOut)
        {
            throw Illegal(a, "become ready", "it is logged out; log in first");
        }

        a.ConsecutiveNoAnswer = 0;
        SetPresence(a, Presence.Ready, null);
        Flush();
    }

    /// <summary>Puts a logged-in agent in not ready with a reason code; a ringing offer is withdrawn and re-routed.</summary>
    public void SetNotReady(AgentId agentId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        Now();
        var a = AgentOf(agentId);
        if (a.Presence == Presence.LoggedOut)
        {
            throw Illegal(a, "go not ready", "it is logged out; log in first");
        }

        SetPresence(a, Presence.NotReady, reason);
        Flush();
    }

    /// <summary>
    /// Supervisor-forced change to <see cref="AgentState.Available"/>, <see cref="AgentState.NotReady"/> or
    /// <see cref="AgentState.LoggedOut"/>, from any state. Ringing offers are withdrawn; connected contacts
    /// continue and the new state shows once they end.
    /// </summary>
    public void ForceState(AgentId agentId, AgentState state, string? reason = null)
    {
        Now();
        var a = AgentOf(agentId);
        var presence = state switch
        {
            AgentState.Available => Presence.Ready,
            AgentState.NotReady => Presence.NotReady,
            AgentState.LoggedOut => Presence.LoggedOut,
            _ => throw new AcdException(AcdError.IllegalTransition, "A supervisor can force " + agentId + " only to Available, NotReady or LoggedOut, not " + state + "."),
        };
        if (presence == Presence.Ready)
        {
            a.ConsecutiveNoAnswer = 0;
            a.DelayUntilTicks = 0;
        }

        SetPresence(a, presence, presence == Presence.NotReady ? reason ?? NotReadyReasons.Supervisor : null);
        Flush();
    }

    /// <summary>The agent accepts a ringing offer: the contact is answered, other ringing agents are released.</summary>
    public void Accept(AgentId agentId, ContactId contactId)
    {
        Now();
        var a = AgentOf(agentId);
        var c = ContactOf(contactId);
        var assignment = a.Find(c);
        if (c.Phase == ContactPhase.Connected && c.Agent != a)
        {
            throw new AcdException(AcdError.AlreadyAnswered, "Contact " + contactId + " was already answered by " + c.Agent!.Id + ".");
        }

        if (assignment is null || assignment.Phase != AssignmentPhase.Reserved)
        {
            throw Illegal(a, "accept " + contactId, "no offer of that contact is ringing for it");
        }

        Connect(a, c, assignment, "accepted");
        Flush();
    }

    /// <summary>The agent rejects a ringing offer (or answers busy): reject or busy delay, the contact is re-routed.</summary>
    public void Reject(AgentId agentId, ContactId contactId, bool busy = false)
    {
        Now();
        var a = AgentOf(agentId);
        var c = ContactOf(contactId);
        var assignment = a.Find(c);
        if (assignment is null || assignment.Phase != AssignmentPhase.Reserved)
        {
            throw Illegal(a, "reject " + contactId, "no offer of that contact is ringing for it");
        }

        var policy = a.Definition.MissedOffers;
        MissOffer(a, c, assignment, busy ? policy.BusyDelay : policy.RejectDelay, busy ? AcdEventKind.Rejected : AcdEventKind.Rejected, busy ? "busy" : "rejected");
        Flush();
    }

    /// <summary>Ends a manual wrap-up (or an automatic one early). Illegal when the agent is not in wrap-up for that contact.</summary>
    public void EndWrapUp(AgentId agentId, ContactId contactId)
    {
        Now();
        var a = AgentOf(agentId);
        Assignment? assignment = null;
        foreach (var x in a.Assignments)
        {
            if (x.Contact.Id == contactId && x.Phase == AssignmentPhase.WrapUp)
            {
                assignment = x;
            }
        }

        if (assignment is null)
        {
            throw Illegal(a, "end wrap-up of " + contactId, "it is not in wrap-up for that contact");
        }

        FinishWrapUp(a, assignment);
        Flush();
    }

    /// <summary>
    /// The agent picks up a waiting contact of one of its queues directly (grab / pickup). Works when
    /// the agent is logged in with room on the contact's channel, even in not ready.
    /// </summary>
    public void Grab(AgentId agentId, ContactId contactId)
    {
        Now();
        var a = AgentOf(agentId);
        var c = ContactOf(contactId);
        if (a.Presence == Presence.LoggedOut)
        {
            throw Illegal(a, "grab " + contactId, "it is logged out");
        }

        if (c.Phase is not (ContactPhase.Waiting or ContactPhase.Offering))
        {
            throw new AcdException(AcdError.AlreadyAnswered, "Contact " + contactId + " is not waiting, it cannot be grabbed.");
        }

        bool member = false;
        foreach (var m in a.Members)
        {
            member |= c.In.Contains(m.Queue);
        }

        if (!member)
        {
            throw Illegal(a, "grab " + contactId, "it is not a member of the contact's queue");
        }

        var ch = (int)c.Request.Channel;
        if (a.Load[ch] >= a.Definition.CapacityFor(c.Request.Channel) || OtherChannelBusy(a, c.Request.Channel))
        {
            throw Illegal(a, "grab " + contactId, "it has no free capacity on the " + c.Request.Channel + " channel");
        }

        var own = a.Find(c);
        if (own is null)
        {
            own = NewAssignment(c, c.Queue, AssignmentPhase.Reserved);
            a.Assignments.Add(own);
            a.Load[ch]++;
            c.Offers.Add(a);
        }

        Connect(a, c, own, "grab");
        Flush();
    }

    /// <summary>Per-state time accounting and counters of one agent.</summary>
    public AgentStatus GetAgentStatus(AgentId agentId)
    {
        long now = Now();
        var a = AgentOf(agentId);
        var times = new TimeSpan[6];
        for (int i = 0; i < 6; i++)
        {
            times[i] = TimeSpan.FromTicks(a.TimeInState[i] + (i == (int)a.State ? now - a.StateSinceTicks : 0));
        }

        var contacts = new List<ContactId>(a.Assignments.Count);
        foreach (var x in a.Assignments)
        {
            contacts.Add(x.Contact.Id);
        }

        return new AgentStatus(a.Id, a.State, a.Presence == Presence.NotReady ? a.NotReadyReason : null, At(a.StateSinceTicks),
            times, a.ContactsAnswered, TimeSpan.FromTicks(a.TalkTicks), contacts,
            a.DelayUntilTicks > now ? At(a.DelayUntilTicks) : null);
    }

    private static AcdException Illegal(AgentRuntime a, string action, string why) =>
        new(AcdError.IllegalTransition, "Agent " + a.Id + " (" + a.State + ") cannot " + action + ": " + why + ".");

    private void SetPresence(AgentRuntime a, Presence presence, string? reason)
    {
        a.Presence = presence;
        a.NotReadyReason = reason;
        if (presence != Presence.Ready)
        {
            // Offers ringing for an agent who is leaving go back to their queues.
            for (int i = a.Assignments.Count - 1; i >= 0; i--)
            {
                var x = a.Assignments[i];
                if (x.Phase == AssignmentPhase.Reserved)
                {
                    var contact = x.Contact; // the assignment goes back to the pool on withdrawal
                    Withdraw(a, x, presence == Presence.LoggedOut ? "agent-logged-out" : "agent-not-ready");
                    RequeueIfUnoffered(contact);
                }
            }
        }

        UpdateAgent(a, reason);
        RouteAgent(a);
        ProcessEmptiedQueues();
    }

    private static bool OtherChannelBusy(AgentRuntime a, Channel channel)
    {
        for (int i = 0; i < a.Load.Length; i++)
        {
            if (i != (int)channel && a.Load[i] > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Can the agent be offered one more contact of this channel now?</summary>
    private bool CanTake(AgentRuntime a, Channel channel) =>
        a == _assumedFree
        || a.Presence == Presence.Ready
        && _now >= a.DelayUntilTicks
        && a.Load[(int)channel] < a.Definition.CapacityFor(channel)
        && !OtherChannelBusy(a, channel);

    private static AgentState Derive(AgentRuntime a)
    {
        bool reserved = false, wrap = false;
        foreach (var x in a.Assignments)
        {
            switch (x.Phase)
            {
                case AssignmentPhase.Connected:
                    return AgentState.OnContact;
                case AssignmentPhase.Reserved:
                    reserved = true;
                    break;
                default:
                    wrap = true;
                    break;
            }
        }

        if (reserved)
        {
            return AgentState.Reserved;
        }

        if (wrap)
        {
            return AgentState.WrapUp;
        }

        return a.Presence switch
        {
            Presence.Ready => AgentState.Available,
            Presence.NotReady => AgentState.NotReady,
            _ => AgentState.LoggedOut,
        };
    }

    /// <summary>Re-derives the agent's state (time accounting, counts, event) and re-indexes its memberships.</summary>
    private void UpdateAgent(AgentRuntime a, string? reason = null)
    {
        var state = Derive(a);
        var old = a.State;
        if (state != old || (state == AgentState.NotReady && reason is not null))
        {
            long spent = _now - a.StateSinceTicks;
            a.TimeInState[(int)old] += spent;
            a.State = state;
            a.StateSinceTicks = _now;
            if (state == AgentState.Available)
            {
                a.IdleSinceTicks = _now;
            }

            foreach (var m in a.Members)
            {
                var q = m.Queue;
                int before = q.LoggedIn;
                q.AgentsByState[(int)old]--;
                q.AgentsByState[(int)state]++;
                int after = q.LoggedIn;
                if (before > 0 && after == 0)
                {
                    q.EmptySinceTicks = _now;
                    _emptied.Add(q);
                }
                else if (before == 0 && after > 0)
                {
                    q.EmptySinceTicks = -1;
                }
            }

            Emit(new AcdEvent(AcdEventKind.AgentStateChanged, At(_now), a.Id.Tenant, null, null, a.Id,
                state == AgentState.NotReady ? a.NotReadyReason : reason, default, default, default, default,
                old, state, TimeSpan.FromTicks(spent), null, null, 0));
        }

        Reindex(a);
    }

    private void Reindex(AgentRuntime a)
    {
        foreach (var m in a.Members)
        {
            var q = m.Queue;
            if (m.Indexed)
            {
                q.Strategy.Remove(m);
                q.AvailableByLevel[m.Level]--;
                m.Indexed = false;
            }

            if (CanTake(a, q.Definition.Channel))
            {
                q.Strategy.Add(m);
                q.AvailableByLevel[m.Level]++;
                m.Indexed = true;
            }
        }
    }

    private Assignment NewAssignment(ContactRuntime c, QueueRuntime q, AssignmentPhase phase)
    {
        var x = _assignmentPool.Count > 0 ? _assignmentPool.Pop() : new Assignment();
        x.Contact = c;
        x.Queue = q;
        x.Phase = phase;
        x.PhaseSinceTicks = _now;
        x.TalkTicks = 0;
        x.HoldTicks = 0;
        x.Transferred = false;
        return x;
    }

    private void Release(AgentRuntime a, Assignment x)
    {
        a.Assignments.Remove(x);
        a.Load[(int)x.Contact.Request.Channel]--;
        x.Contact = null!;
        x.Queue = null!;
        _assignmentPool.Push(x);
    }

    /// <summary>Reserves <paramref name="m"/>'s agent for the contact and starts the offer timer.</summary>
    private void Offer(MemberRuntime m, ContactRuntime c)
    {
        var a = m.Agent;
        var q = m.Queue;
        var x = NewAssignment(c, c.Queue, AssignmentPhase.Reserved);
        a.Assignments.Add(x);
        a.Load[(int)c.Request.Channel]++;
        c.RingRank = c.Offers.Count == 0 ? m.Rank : Math.Min(c.RingRank, m.Rank);
        c.Offers.Add(a);
        c.Phase = ContactPhase.Offering;
        q.Strategy.OnOffered(m);
        Emit(new AcdEvent(AcdEventKind.Reserved, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, a.Id, null,
            TimeSpan.FromTicks(_now - c.EnqueueTicks), default, default, default, default, default, default, null, c.Request.ExternalId, 0));
        _timers.Add(_now + c.Queue.Definition.OfferTimeout.Ticks, new TimerEntry(TimerKind.OfferTimeout, a.Slot, c.Sequence, _now));
        UpdateAgent(a);
    }

    private void Withdraw(AgentRuntime a, Assignment x, string reason)
    {
        var c = x.Contact;
        c.Offers.Remove(a);
        Emit(new AcdEvent(AcdEventKind.OfferWithdrawn, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, a.Id, reason,
            default, default, default, default, default, default, default, null, c.Request.ExternalId, 0));
        Release(a, x);
        UpdateAgent(a);
    }

    private void Connect(AgentRuntime a, ContactRuntime c, Assignment x, string how)
    {
        x.Phase = AssignmentPhase.Connected;
        x.PhaseSinceTicks = _now;
        c.Offers.Remove(a);
        var others = c.Offers.Count > 0 ? c.Offers.ToArray() : [];
        foreach (var other in others)
        {
            Withdraw(other, other.Find(c)!, "answered-elsewhere");
        }

        RemoveFromQueues(c);
        c.Phase = ContactPhase.Connected;
        c.Agent = a;
        c.AnsweredTicks = _now;
        c.HoldTicks = 0;
        c.HoldSinceTicks = -1;
        a.ConsecutiveNoAnswer = 0;
        a.ContactsAnswered++;
        if (c.Request.CallerNumber is { Length: > 0 } caller)
        {
            _lastAgentByCaller[(c.Id.Tenant, caller)] = (a.Slot, _now);
        }

        var wait = TimeSpan.FromTicks(_now - c.EnqueueTicks);
        Emit(new AcdEvent(AcdEventKind.Accepted, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, a.Id, how,
            wait, default, default, default, default, default, default, null, c.Request.ExternalId, 0,
            c.Queue.Definition.ServiceLevelThreshold, c.Queue.Definition.ShortAbandonThreshold));
        Emit(new AcdEvent(AcdEventKind.Answered, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, a.Id, how,
            wait, default, default, default, default, default, default, null, c.Request.ExternalId, 0,
            c.Queue.Definition.ServiceLevelThreshold, c.Queue.Definition.ShortAbandonThreshold));
        UpdateAgent(a);
        foreach (var other in others)
        {
            RouteAgent(other);
        }

        // Capacity left (chat): keep offering.
        RouteAgent(a);
    }

    private void MissOffer(AgentRuntime a, ContactRuntime c, Assignment x, TimeSpan delay, AcdEventKind kind, string reason)
    {
        c.Offers.Remove(a);
        Emit(new AcdEvent(kind, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, a.Id, reason,
            TimeSpan.FromTicks(_now - x.PhaseSinceTicks), default, default, default, default, default, default, null, c.Request.ExternalId, 0));
        Release(a, x);
        if (delay > TimeSpan.Zero)
        {
            a.DelayUntilTicks = Math.Max(a.DelayUntilTicks, _now + delay.Ticks);
            _timers.Add(a.DelayUntilTicks, new TimerEntry(TimerKind.DelayEnd, a.Slot, 0, a.DelayUntilTicks));
        }

        string? stateReason = null;
        if (kind == AcdEventKind.TimedOut)
        {
            var policy = a.Definition.MissedOffers;
            a.ConsecutiveNoAnswer++;
            if (policy.MaxNoAnswer > 0 && a.ConsecutiveNoAnswer >= policy.MaxNoAnswer)
            {
                stateReason = NotReadyReasons.MaxNoAnswer;
                a.ConsecutiveNoAnswer = 0;
                var to = policy.StateAfterMaxNoAnswer == AgentState.LoggedOut ? Presence.LoggedOut : Presence.NotReady;
                a.Presence = to;
                a.NotReadyReason = to == Presence.NotReady ? NotReadyReasons.MaxNoAnswer : null;
                for (int i = a.Assignments.Count - 1; i >= 0; i--)
                {
                    if (a.Assignments[i].Phase == AssignmentPhase.Reserved)
                    {
                        var other = a.Assignments[i];
                        var contact = other.Contact;
                        Withdraw(a, other, NotReadyReasons.MaxNoAnswer);
                        RequeueIfUnoffered(contact);
                    }
                }
            }
        }

        UpdateAgent(a, stateReason);
        RequeueIfUnoffered(c);
        RouteAgent(a);
        ProcessEmptiedQueues();
    }

    private void RequeueIfUnoffered(ContactRuntime c)
    {
        if (c.Phase == ContactPhase.Offering && c.Offers.Count == 0)
        {
            c.Phase = ContactPhase.Waiting;
            RouteContact(c);
        }
    }

    private void FinishWrapUp(AgentRuntime a, Assignment x)
    {
        var c = x.Contact;
        long wrap = _now - x.PhaseSinceTicks;
        var q = x.Queue;
        long handle = x.TalkTicks + x.HoldTicks + wrap;
        // Exponentially smoothed handle time for the wait estimate (weight 1/16 per contact).
        q.HandleTicksEstimate += (handle - q.HandleTicksEstimate) / 16;
        Emit(new AcdEvent(AcdEventKind.Completed, At(_now), c.Id.Tenant, q.Id, c.Id, a.Id, x.Transferred ? "transferred" : null,
            default, TimeSpan.FromTicks(x.TalkTicks), TimeSpan.FromTicks(x.HoldTicks), TimeSpan.FromTicks(wrap),
            default, default, default, null, c.Request.ExternalId, 0));
        Release(a, x);
        if (c.Phase == ContactPhase.Done && c.Agent == a)
        {
            _contacts.Remove(c.Sequence);
        }

        UpdateAgent(a);
        RouteAgent(a);
    }
}
