using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd;

/// <summary>Contacts: enqueue with limits and overflow, abandon, hold, release, transfer, escalation.</summary>
public sealed partial class AcdEngine
{
    private const int MaxOverflowHops = 8;

    /// <summary>
    /// Presents a contact to a queue. It is offered at once when an eligible agent is free, queued
    /// otherwise, or sent to the queue's overflow target when a join rule or the length limit says so.
    /// </summary>
    public EnqueueResult Enqueue(ContactRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Now();
        EnsureMembersResolved();
        var q = QueueOf(request.Queue);
        var c = new ContactRuntime(new ContactId(request.Queue.Tenant, _nextContact++), request, _now);
        _contacts.Add(c.Sequence, c);
        var (target, reason) = EnterQueue(c, q, transferred: false);
        Flush();
        return new EnqueueResult(c.Id,
            reason != OverflowReason.None ? EnqueueOutcome.Overflowed : c.Phase == ContactPhase.Waiting ? EnqueueOutcome.Queued : EnqueueOutcome.Offered,
            target, reason);
    }

    /// <summary>The caller hung up before being answered.</summary>
    public void Abandon(ContactId contactId)
    {
        Now();
        var c = ContactOf(contactId);
        if (c.Phase is not (ContactPhase.Waiting or ContactPhase.Offering))
        {
            throw new AcdException(AcdError.IllegalTransition, "Contact " + contactId + " is " + c.Phase + "; only a waiting contact can abandon (release a connected one).");
        }

        var wait = TimeSpan.FromTicks(_now - c.EnqueueTicks);
        var withdrawn = WithdrawAll(c, "caller-abandoned");
        RemoveFromQueues(c);
        c.Phase = ContactPhase.Done;
        _contacts.Remove(c.Sequence);
        Emit(new AcdEvent(AcdEventKind.Abandoned, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, null, null,
            wait, default, default, default, default, default, default, null, c.Request.ExternalId, 0,
            c.Queue.Definition.ServiceLevelThreshold, c.Queue.Definition.ShortAbandonThreshold));
        RouteAgents(withdrawn);
        Flush();
    }

    /// <summary>
    /// The contact leaves the ACD unanswered because a wait limit outside it ran out (the IVR step's timeout or
    /// maximum wait) while the caller is still on the line: it counts as a timeout exit (<see cref="AcdEventKind.Overflowed"/>
    /// with reason <c>max-wait</c>, queue_log EXITWITHTIMEOUT) to <paramref name="target"/>, not as an abandon, and
    /// offers already made to agents are withdrawn. A caller who hung up is <see cref="Abandon"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="target"/> is a queue (moving a contact is the queue's own overflow or <see cref="Transfer"/>).</exception>
    /// <exception cref="AcdException">The contact is not waiting or being offered.</exception>
    public void Withdraw(ContactId contactId, OverflowTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind == OverflowTargetKind.Queue)
        {
            throw new ArgumentException("A withdrawn contact leaves the ACD; a queue is not a target here.", nameof(target));
        }

        Now();
        var c = ContactOf(contactId);
        if (c.Phase is not (ContactPhase.Waiting or ContactPhase.Offering))
        {
            throw new AcdException(AcdError.IllegalTransition, "Contact " + contactId + " is " + c.Phase + "; only a waiting contact can be withdrawn (release a connected one).");
        }

        Overflow(c, OverflowReason.MaxWait, target);
        Flush();
    }

    /// <summary>The conversation ended (either side hung up): the agent goes to wrap-up or is free at once.</summary>
    public void Release(ContactId contactId, string? reason = null)
    {
        Now();
        var c = ContactOf(contactId);
        if (c.Phase != ContactPhase.Connected)
        {
            throw new AcdException(AcdError.IllegalTransition, "Contact " + contactId + " is " + c.Phase + "; only a connected contact can be released.");
        }

        var a = c.Agent!;
        var x = a.Find(c)!;
        EndConversation(a, c, x);
        c.Phase = ContactPhase.Done;
        Emit(new AcdEvent(AcdEventKind.Released, At(_now), c.Id.Tenant, x.Queue.Id, c.Id, a.Id, reason,
            default, TimeSpan.FromTicks(x.TalkTicks), TimeSpan.FromTicks(x.HoldTicks), default, default, default, default, null, c.Request.ExternalId, 0));
        StartWrapUp(a, x);
        Flush();
    }

    /// <summary>Puts a connected contact on hold (or takes it off hold); hold time is accounted separately from talk.</summary>
    public void SetHold(ContactId contactId, bool onHold)
    {
        Now();
        var c = ContactOf(contactId);
        if (c.Phase != ContactPhase.Connected)
        {
            throw new AcdException(AcdError.IllegalTransition, "Contact " + contactId + " is " + c.Phase + "; only a connected contact can be held.");
        }

        if (onHold == (c.HoldSinceTicks >= 0))
        {
            throw new AcdException(AcdError.IllegalTransition, "Contact " + contactId + " is " + (onHold ? "already" : "not") + " on hold.");
        }

        if (onHold)
        {
            c.HoldSinceTicks = _now;
        }
        else
        {
            c.HoldTicks += _now - c.HoldSinceTicks;
            c.HoldSinceTicks = -1;
        }

        Emit(new AcdEvent(AcdEventKind.HoldChanged, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, c.Agent!.Id, onHold ? "hold" : "retrieve",
            default, default, default, default, default, default, default, null, c.Request.ExternalId, 0));
        Flush();
    }

    /// <summary>The agent transfers a connected contact to another queue: the agent goes to wrap-up, the contact queues again.</summary>
    public EnqueueResult Transfer(ContactId contactId, QueueId toQueue)
    {
        Now();
        var c = ContactOf(contactId);
        var q = QueueOf(toQueue);
        if (c.Phase != ContactPhase.Connected)
        {
            throw new AcdException(AcdError.IllegalTransition, "Contact " + contactId + " is " + c.Phase + "; only a connected contact can be transferred.");
        }

        if (q.Id.Tenant != c.Id.Tenant || q.Definition.Channel != c.Request.Channel)
        {
            throw new AcdException(AcdError.InvalidDefinition, "Contact " + contactId + " cannot go to " + toQueue + ": another tenant or channel.");
        }

        var a = c.Agent!;
        var x = a.Find(c)!;
        EndConversation(a, c, x);
        x.Transferred = true;
        Emit(new AcdEvent(AcdEventKind.Transferred, At(_now), c.Id.Tenant, x.Queue.Id, c.Id, a.Id, null,
            default, TimeSpan.FromTicks(x.TalkTicks), TimeSpan.FromTicks(x.HoldTicks), default, default, default, default,
            OverflowTarget.ToQueue(toQueue), c.Request.ExternalId, 0));
        c.Agent = null;
        c.OverflowHops = 0;
        var (target, reason) = EnterQueue(c, q, transferred: true);
        StartWrapUp(a, x);
        Flush();
        return new EnqueueResult(c.Id,
            reason != OverflowReason.None ? EnqueueOutcome.Overflowed : c.Phase == ContactPhase.Waiting ? EnqueueOutcome.Queued : EnqueueOutcome.Offered,
            target, reason);
    }

    /// <summary>1-based position of a waiting contact in its queue's service order.</summary>
    public int GetPosition(ContactId contactId)
    {
        Now();
        var c = ContactOf(contactId);
        if (c.Phase is not (ContactPhase.Waiting or ContactPhase.Offering))
        {
            throw new AcdException(AcdError.IllegalTransition, "Contact " + contactId + " is not waiting.");
        }

        return c.Queue.Waiting.Rank(c.Queue.ScoreOf(c), c.Sequence, 0) + 1;
    }

    /// <summary>
    /// Expected wait of a waiting contact: position x smoothed handle time / staffed agents (members
    /// logged in and not in not-ready), the estimator documented in docs/acd.md.
    /// </summary>
    public TimeSpan GetExpectedWait(ContactId contactId) => TimeSpan.FromTicks(ExpectedWaitTicks(ContactOf(contactId), GetPosition(contactId)));

    private static long ExpectedWaitTicks(ContactRuntime c, int position)
    {
        var q = c.Queue;
        return position * q.HandleTicksEstimate / Math.Max(1, q.Staffed);
    }

    private void EndConversation(AgentRuntime a, ContactRuntime c, Assignment x)
    {
        if (c.HoldSinceTicks >= 0)
        {
            c.HoldTicks += _now - c.HoldSinceTicks;
            c.HoldSinceTicks = -1;
        }

        x.HoldTicks = c.HoldTicks;
        x.TalkTicks = _now - c.AnsweredTicks - c.HoldTicks;
        a.TalkTicks += x.TalkTicks;
    }

    private void StartWrapUp(AgentRuntime a, Assignment x)
    {
        x.Phase = AssignmentPhase.WrapUp;
        x.PhaseSinceTicks = _now;
        var wrap = x.Queue.Definition.WrapUp;
        if (wrap is { } auto && auto <= TimeSpan.Zero)
        {
            FinishWrapUp(a, x);
            return;
        }

        if (wrap is { } d)
        {
            _timers.Add(_now + d.Ticks, new TimerEntry(TimerKind.WrapUpEnd, a.Slot, x.Contact.Sequence, _now));
        }

        UpdateAgent(a);
    }

    /// <summary>Puts the contact into the queue (checking join rules and length) and tries to route it.</summary>
    private (OverflowTarget? Target, OverflowReason Reason) EnterQueue(ContactRuntime c, QueueRuntime q, bool transferred)
    {
        if (q.Id.Tenant != c.Id.Tenant)
        {
            throw new AcdException(AcdError.InvalidDefinition, "Contact " + c.Id + " cannot enter " + q.Id + " of another tenant.");
        }

        if (q.Definition.Channel != c.Request.Channel)
        {
            throw new AcdException(AcdError.InvalidDefinition, "Queue " + q.Id + " takes " + q.Definition.Channel + " contacts, not " + c.Request.Channel + ".");
        }

        c.Queue = q;
        c.EnqueueTicks = _now;
        c.Generation++;
        c.Phase = ContactPhase.Waiting;
        c.StepIndex = 0;
        c.Relax = 0;
        c.Priority = c.Request.Priority + (c.Request.Vip ? q.Definition.VipPriorityBoost : 0);
        var (skills, levels) = ResolveRequirements(c.Id.Tenant, c.Request.RequiredSkills, "contact " + c.Id);
        c.RequiredSkills = q.RequiredSkills.Length == 0 ? skills : [.. q.RequiredSkills, .. skills];
        c.RequiredLevels = q.RequiredSkills.Length == 0 ? levels : [.. q.RequiredLevels, .. levels];

        var def = q.Definition;
        bool noneLoggedIn = q.LoggedIn == 0;
        if ((def.JoinEmpty == JoinEmptyRule.RejectWhenNoAgentLoggedIn && noneLoggedIn)
            || (def.JoinEmpty == JoinEmptyRule.RejectWhenNoAgentReady && q.Staffed == 0))
        {
            return Overflow(c, OverflowReason.NoAgent, def.OnNoAgent);
        }

        if (def.MaxLength > 0 && q.Waiting.Count >= def.MaxLength)
        {
            return Overflow(c, OverflowReason.QueueFull, def.OnFull);
        }

        AddToQueue(c, q);
        int position = q.Waiting.Rank(q.ScoreOf(c), c.Sequence, 0) + 1;
        c.EstimatedWaitTicks = ExpectedWaitTicks(c, position);
        Emit(new AcdEvent(AcdEventKind.Queued, At(_now), c.Id.Tenant, q.Id, c.Id, null, transferred ? "transfer" : null,
            default, default, default, default, default, default, default, null, c.Request.ExternalId, position,
            def.ServiceLevelThreshold, def.ShortAbandonThreshold));

        long gen = c.Generation;
        if (def.MaxWait is { } maxWait)
        {
            _timers.Add(_now + maxWait.Ticks, new TimerEntry(TimerKind.MaxWait, c.Sequence, 0, gen));
        }

        if (def.MaxWaitWithNoAgent is { } noAgent)
        {
            _timers.Add(_now + noAgent.Ticks, new TimerEntry(TimerKind.NoAgentCheck, c.Sequence, 0, gen));
            if (noneLoggedIn)
            {
                _timers.Add(q.EmptySinceTicks + noAgent.Ticks, new TimerEntry(TimerKind.QueueEmptyCheck, q.Slot, 0, q.EmptySinceTicks));
            }
        }

        foreach (long gate in q.GateThresholds)
        {
            _timers.Add(_now + gate, new TimerEntry(TimerKind.Recheck, c.Sequence, 0, gen));
        }

        // Sticky routing: hold the caller for the agent who served them last.
        c.StickyAgentSlot = -1;
        if (def.StickyWait > TimeSpan.Zero && c.Request.CallerNumber is { Length: > 0 } caller
            && _lastAgentByCaller.TryGetValue((c.Id.Tenant, caller), out var last)
            && _now - last.Ticks <= Options.StickyMemory.Ticks)
        {
            var agent = _agents[last.AgentSlot];
            if (agent.Presence != Presence.LoggedOut && Array.Exists(agent.Members, m => m.Queue == q))
            {
                c.StickyAgentSlot = agent.Slot;
                c.StickyUntilTicks = _now + def.StickyWait.Ticks;
                _timers.Add(c.StickyUntilTicks, new TimerEntry(TimerKind.Recheck, c.Sequence, 0, gen));
            }
        }

        if (def.Escalation.Count > 0)
        {
            _timers.Add(_now + def.Escalation[0].After.Ticks, new TimerEntry(TimerKind.Escalate, c.Sequence, 0, gen));
        }

        RouteContact(c);
        return (null, OverflowReason.None);
    }

    private static void AddToQueue(ContactRuntime c, QueueRuntime q)
    {
        q.Waiting.Insert(q.ScoreOf(c), c.Sequence, 0);
        q.ByArrival.Insert(c.EnqueueTicks, c.Sequence, 0);
        c.In.Add(q);
    }

    private static void RemoveFromQueues(ContactRuntime c)
    {
        foreach (var q in c.In)
        {
            q.Waiting.Remove(q.ScoreOf(c), c.Sequence, 0);
            q.ByArrival.Remove(c.EnqueueTicks, c.Sequence, 0);
        }

        c.In.Clear();
    }

    private AgentRuntime[] WithdrawAll(ContactRuntime c, string reason)
    {
        if (c.Offers.Count == 0)
        {
            return [];
        }

        var agents = c.Offers.ToArray();
        foreach (var a in agents)
        {
            Withdraw(a, a.Find(c)!, reason);
        }

        return agents;
    }

    private void RouteAgents(AgentRuntime[] agents)
    {
        foreach (var a in agents)
        {
            RouteAgent(a);
        }
    }

    /// <summary>Sends the contact to a limit's target: another queue (keeping its arrival time) or out of the ACD.</summary>
    private (OverflowTarget? Target, OverflowReason Reason) Overflow(ContactRuntime c, OverflowReason reason, OverflowTarget target)
    {
        var withdrawn = WithdrawAll(c, "overflow");
        RemoveFromQueues(c);
        var from = c.Queue;
        QueueRuntime? nextQueue = null;
        var effective = target;
        if (target.Kind == OverflowTargetKind.Queue)
        {
            if (++c.OverflowHops > MaxOverflowHops)
            {
                effective = OverflowTarget.HangUp("overflow-loop");
            }
            else if (target.Queue is { } next && _queueById.TryGetValue(next, out var q)
                && q.Id.Tenant == c.Id.Tenant && q.Definition.Channel == c.Request.Channel)
            {
                nextQueue = q;
            }
            else
            {
                // A misconfigured target must not strand the caller: release with a reason the host can log.
                effective = OverflowTarget.HangUp("overflow-target-invalid");
            }
        }

        Emit(new AcdEvent(AcdEventKind.Overflowed, At(_now), c.Id.Tenant, from.Id, c.Id, null, ReasonCode(reason),
            TimeSpan.FromTicks(_now - c.EnqueueTicks), default, default, default, default, default, default, effective, c.Request.ExternalId, 0,
            from.Definition.ServiceLevelThreshold, from.Definition.ShortAbandonThreshold));
        RouteAgents(withdrawn);
        if (nextQueue is not null)
        {
            return EnterQueue(c, nextQueue, transferred: false);
        }

        c.Phase = ContactPhase.Done;
        _contacts.Remove(c.Sequence);
        return (effective, reason);
    }

    private static string ReasonCode(OverflowReason reason) => reason switch
    {
        OverflowReason.QueueFull => "queue-full",
        OverflowReason.MaxWait => "max-wait",
        OverflowReason.NoAgent => "no-agent",
        OverflowReason.LeaveWhenEmpty => "leave-when-empty",
        _ => "none",
    };

    /// <summary>Leave-when-empty: queues whose last agent logged out send their waiting contacts away.</summary>
    private void ProcessEmptiedQueues()
    {
        while (_emptied.Count > 0)
        {
            var q = _emptied[^1];
            _emptied.RemoveAt(_emptied.Count - 1);
            if (q.LoggedIn > 0)
            {
                continue;
            }

            if (q.Definition.LeaveWhenEmpty)
            {
                foreach (var c in WaitingContacts(q))
                {
                    if (c.Queue == q)
                    {
                        Overflow(c, OverflowReason.LeaveWhenEmpty, q.Definition.OnNoAgent);
                    }
                }
            }
            else if (q.Definition.MaxWaitWithNoAgent is { } limit && q.Waiting.Count > 0)
            {
                _timers.Add(q.EmptySinceTicks + limit.Ticks, new TimerEntry(TimerKind.QueueEmptyCheck, q.Slot, 0, q.EmptySinceTicks));
            }
        }
    }

    private List<ContactRuntime> WaitingContacts(QueueRuntime q)
    {
        var list = new List<ContactRuntime>(q.ByArrival.Count);
        if (q.ByArrival.First(out var e))
        {
            do
            {
                list.Add(_contacts[e.Secondary]);
            }
            while (q.ByArrival.After(e, out e));
        }

        return list;
    }

    /// <summary>Enters escalation step <paramref name="index"/>: relax levels, widen targets, maybe skip on.</summary>
    private void Escalate(ContactRuntime c, int index)
    {
        var steps = c.Queue.Definition.Escalation;
        while (index < steps.Count)
        {
            var step = steps[index];
            c.StepIndex = index + 1;
            c.Relax += step.RelaxLevelsBy;
            foreach (var extra in step.AlsoTarget)
            {
                var q = QueueOf(extra);
                if (!c.In.Contains(q) && q.Definition.Channel == c.Request.Channel && q.Id.Tenant == c.Id.Tenant)
                {
                    AddToQueue(c, q);
                }
            }

            Emit(new AcdEvent(AcdEventKind.Escalated, At(_now), c.Id.Tenant, c.Queue.Id, c.Id, null,
                "step-" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.FromTicks(_now - c.EnqueueTicks), default, default, default, default, default, default, null, c.Request.ExternalId, 0));
            index++;
            if (!(step.SkipWhenNoAgentAvailable && index < steps.Count && !AnyoneEligible(c)))
            {
                break;
            }
        }

        if (index < steps.Count)
        {
            _timers.Add(Math.Max(_now, c.EnqueueTicks + steps[index].After.Ticks), new TimerEntry(TimerKind.Escalate, c.Sequence, index, c.Generation));
        }

        RouteContact(c);
    }

    private bool AnyoneEligible(ContactRuntime c)
    {
        foreach (var q in c.In)
        {
            if (q.Strategy.Select(c, this) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
