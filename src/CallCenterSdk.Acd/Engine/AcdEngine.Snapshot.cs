using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd;

/// <summary>Serializable state: export a snapshot, rebuild an engine from one.</summary>
public sealed partial class AcdEngine
{
    /// <summary>Captures definitions, agent states, contacts and sticky memory.</summary>
    public AcdSnapshot ExportState()
    {
        long now = Now();
        var agents = new List<AgentSnapshot>(_agents.Count);
        foreach (var a in _agents)
        {
            agents.Add(new AgentSnapshot(
                a.Id,
                a.Presence switch { Presence.Ready => AgentState.Available, Presence.NotReady => AgentState.NotReady, _ => AgentState.LoggedOut },
                a.NotReadyReason,
                At(a.StateSinceTicks),
                Array.ConvertAll(a.TimeInState, TimeSpan.FromTicks),
                a.ContactsAnswered,
                TimeSpan.FromTicks(a.TalkTicks),
                At(a.IdleSinceTicks),
                a.DelayUntilTicks > now ? At(a.DelayUntilTicks) : null,
                a.ConsecutiveNoAnswer));
        }

        var contacts = new List<ContactSnapshot>(_contacts.Count);
        foreach (var c in _contacts.Values.OrderBy(c => c.Sequence))
        {
            var also = c.In.Skip(1).Select(q => q.Id).ToArray();
            if (c.Phase is ContactPhase.Waiting or ContactPhase.Offering)
            {
                contacts.Add(new ContactSnapshot(c.Id, c.Request, c.Queue.Id, At(c.ArrivalTicks), At(c.EnqueueTicks), null, null,
                    TimeSpan.Zero, null, null, TimeSpan.Zero, false, c.StepIndex, also));
            }
        }

        // Connected and wrap-up work lives on the agents (a transferred contact may also be waiting again).
        foreach (var a in _agents)
        {
            foreach (var x in a.Assignments)
            {
                var c = x.Contact;
                if (x.Phase == AssignmentPhase.Connected)
                {
                    contacts.Add(new ContactSnapshot(c.Id, c.Request, c.Queue.Id, At(c.ArrivalTicks), At(c.EnqueueTicks), a.Id, At(c.AnsweredTicks),
                        TimeSpan.FromTicks(c.HoldTicks), c.HoldSinceTicks >= 0 ? At(c.HoldSinceTicks) : null, null, TimeSpan.Zero, false, c.StepIndex, []));
                }
                else if (x.Phase == AssignmentPhase.WrapUp)
                {
                    contacts.Add(new ContactSnapshot(c.Id, c.Request, x.Queue.Id, At(c.ArrivalTicks), At(c.EnqueueTicks), a.Id, null,
                        TimeSpan.FromTicks(x.HoldTicks), null, At(x.PhaseSinceTicks), TimeSpan.FromTicks(x.TalkTicks), x.Transferred, c.StepIndex, []));
                }
            }
        }

        return new AcdSnapshot
        {
            TakenAt = At(now),
            NextContactSequence = _nextContact,
            Options = Options,
            Queues = _queues.ConvertAll(q => q.Definition),
            Agents = _agents.ConvertAll(a => a.Definition),
            AgentStates = agents,
            Contacts = contacts,
            LastAgents = _lastAgentByCaller.Select(kv => new CallerMemory(kv.Key.Tenant, kv.Key.Caller, _agents[kv.Value.AgentSlot].Id, At(kv.Value.Ticks))).ToList(),
        };
    }

    /// <summary>
    /// Rebuilds an engine from a snapshot. Waiting contacts keep their order and times; offers that were
    /// ringing are not restored, the contacts are routed again at once; connected and wrap-up contacts
    /// return to their agents.
    /// </summary>
    public static AcdEngine Restore(AcdSnapshot snapshot, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var engine = new AcdEngine(time, random, snapshot.Options);
        engine.Now();
        foreach (var q in snapshot.Queues)
        {
            engine.DefineQueue(q);
        }

        foreach (var a in snapshot.Agents)
        {
            engine.DefineAgent(a);
        }

        engine.EnsureMembersResolved();
        engine._nextContact = snapshot.NextContactSequence;
        foreach (var s in snapshot.AgentStates)
        {
            var a = engine.AgentOf(s.Id);
            a.Presence = s.Presence switch { AgentState.Available => Presence.Ready, AgentState.NotReady => Presence.NotReady, _ => Presence.LoggedOut };
            a.NotReadyReason = s.NotReadyReason;
            a.StateSinceTicks = s.StateSince.UtcTicks;
            for (int i = 0; i < Math.Min(6, s.TimeInState.Count); i++)
            {
                a.TimeInState[i] = s.TimeInState[i].Ticks;
            }

            a.ContactsAnswered = s.ContactsAnswered;
            a.TalkTicks = s.TalkTime.Ticks;
            a.IdleSinceTicks = s.IdleSince.UtcTicks;
            a.ConsecutiveNoAnswer = s.ConsecutiveNoAnswer;
            if (s.OffersPausedUntil is { } paused)
            {
                a.DelayUntilTicks = paused.UtcTicks;
                engine._timers.Add(a.DelayUntilTicks, new TimerEntry(TimerKind.DelayEnd, a.Slot, 0, a.DelayUntilTicks));
            }
        }

        foreach (var m in snapshot.LastAgents)
        {
            engine._lastAgentByCaller[(m.Tenant, m.Caller)] = (engine.AgentOf(m.Agent).Slot, m.At.UtcTicks);
        }

        var waiting = new List<ContactRuntime>();
        foreach (var s in snapshot.Contacts)
        {
            var q = engine.QueueOf(s.Queue);
            if (!engine._contacts.TryGetValue(s.Id.Sequence, out var c))
            {
                c = new ContactRuntime(s.Id, s.Request, s.Arrival.UtcTicks);
                engine._contacts.Add(s.Id.Sequence, c);
            }

            if (s.Agent is null)
            {
                engine.RestoreWaiting(c, q, s);
                waiting.Add(c);
            }
            else if (s.WrapUpSince is { } wrapSince)
            {
                engine.RestoreWrapUp(c, q, s, wrapSince.UtcTicks);
            }
            else
            {
                engine.RestoreConnected(c, q, s);
            }
        }

        foreach (var a in engine._agents)
        {
            // Derive the state, counts and indexes without counting the restore as time spent.
            long since = a.StateSinceTicks, idle = a.IdleSinceTicks, loggedOut = a.TimeInState[0];
            engine.UpdateAgent(a);
            a.StateSinceTicks = since;
            a.IdleSinceTicks = idle;
            a.TimeInState[0] = loggedOut;
            engine.Reindex(a);
        }

        engine._pending.Clear(); // the restored states are not changes
        foreach (var c in waiting)
        {
            engine.RouteContact(c);
        }

        engine.Flush();
        return engine;
    }

    private void RestoreWaiting(ContactRuntime c, QueueRuntime q, ContactSnapshot s)
    {
        c.Queue = q;
        c.EnqueueTicks = s.Enqueued.UtcTicks;
        c.Generation++;
        c.Phase = ContactPhase.Waiting;
        c.Priority = c.Request.Priority + (c.Request.Vip ? q.Definition.VipPriorityBoost : 0);
        var (skills, levels) = ResolveRequirements(c.Id.Tenant, c.Request.RequiredSkills, "contact " + c.Id);
        c.RequiredSkills = [.. q.RequiredSkills, .. skills];
        c.RequiredLevels = [.. q.RequiredLevels, .. levels];
        AddToQueue(c, q);
        var steps = q.Definition.Escalation;
        c.StepIndex = 0;
        for (int i = 0; i < Math.Min(s.EscalationStep, steps.Count); i++)
        {
            c.StepIndex = i + 1;
            c.Relax += steps[i].RelaxLevelsBy;
        }

        foreach (var extra in s.AlsoIn)
        {
            AddToQueue(c, QueueOf(extra));
        }

        long gen = c.Generation;
        if (q.Definition.MaxWait is { } maxWait)
        {
            _timers.Add(c.EnqueueTicks + maxWait.Ticks, new TimerEntry(TimerKind.MaxWait, c.Sequence, 0, gen));
        }

        if (q.Definition.MaxWaitWithNoAgent is { } noAgent)
        {
            _timers.Add(Math.Max(_now, c.EnqueueTicks + noAgent.Ticks), new TimerEntry(TimerKind.NoAgentCheck, c.Sequence, 0, gen));
        }

        foreach (long gate in q.GateThresholds)
        {
            _timers.Add(Math.Max(_now, c.EnqueueTicks + gate), new TimerEntry(TimerKind.Recheck, c.Sequence, 0, gen));
        }

        if (c.StepIndex < steps.Count)
        {
            _timers.Add(Math.Max(_now, c.EnqueueTicks + steps[c.StepIndex].After.Ticks), new TimerEntry(TimerKind.Escalate, c.Sequence, c.StepIndex, gen));
        }
    }

    private void RestoreConnected(ContactRuntime c, QueueRuntime q, ContactSnapshot s)
    {
        var a = AgentOf(s.Agent!.Value);
        c.Queue = q;
        c.EnqueueTicks = s.Enqueued.UtcTicks;
        c.Phase = ContactPhase.Connected;
        c.Agent = a;
        c.AnsweredTicks = s.Answered?.UtcTicks ?? _now;
        c.HoldTicks = s.Hold.Ticks;
        c.HoldSinceTicks = s.OnHoldSince?.UtcTicks ?? -1;
        var x = NewAssignment(c, q, AssignmentPhase.Connected);
        x.PhaseSinceTicks = c.AnsweredTicks;
        a.Assignments.Add(x);
        a.Load[(int)c.Request.Channel]++;
    }

    private void RestoreWrapUp(ContactRuntime c, QueueRuntime q, ContactSnapshot s, long wrapSince)
    {
        var a = AgentOf(s.Agent!.Value);
        if (c.In.Count == 0)
        {
            c.Queue = q;
            c.Phase = ContactPhase.Done;
            c.Agent = a;
        }

        var x = NewAssignment(c, q, AssignmentPhase.WrapUp);
        x.PhaseSinceTicks = wrapSince;
        x.TalkTicks = s.Talk.Ticks;
        x.HoldTicks = s.Hold.Ticks;
        x.Transferred = s.Transferred;
        a.Assignments.Add(x);
        a.Load[(int)c.Request.Channel]++;
        if (q.Definition.WrapUp is { } auto)
        {
            _timers.Add(Math.Max(_now, wrapSince + auto.Ticks), new TimerEntry(TimerKind.WrapUpEnd, a.Slot, c.Sequence, wrapSince));
        }
    }
}
