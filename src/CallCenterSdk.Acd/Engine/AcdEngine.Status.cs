using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd;

/// <summary>Real-time status queries.</summary>
public sealed partial class AcdEngine
{
    /// <summary>Queues defined, in definition order.</summary>
    public IReadOnlyList<QueueId> Queues => _queues.ConvertAll(q => q.Id);

    /// <summary>Agents defined, in definition order.</summary>
    public IReadOnlyList<AgentId> Agents => _agents.ConvertAll(a => a.Id);

    /// <summary>Contacts waiting, agents by state and longest wait of one queue.</summary>
    public QueueStatus GetQueueStatus(QueueId queueId)
    {
        long now = Now();
        var q = QueueOf(queueId);
        var longest = q.ByArrival.First(out var e) ? TimeSpan.FromTicks(now - e.Primary) : TimeSpan.Zero;
        var ewt = TimeSpan.FromTicks((q.Waiting.Count + 1) * q.HandleTicksEstimate / Math.Max(1, q.Staffed));
        return new QueueStatus(q.Id, q.Waiting.Count, longest, AgentStateCounts.From(q.AgentsByState), ewt);
    }

    /// <summary>Contacts waiting, agents by state and longest wait over every queue of a tenant.</summary>
    public TenantStatus GetTenantStatus(TenantId tenant)
    {
        long now = Now();
        int waiting = 0;
        long longest = 0;
        foreach (var c in _contacts.Values)
        {
            if (c.Id.Tenant == tenant && c.Phase is ContactPhase.Waiting or ContactPhase.Offering)
            {
                waiting++;
                longest = Math.Max(longest, now - c.EnqueueTicks);
            }
        }

        var byState = new int[6];
        foreach (var a in _agents)
        {
            if (a.Id.Tenant == tenant)
            {
                byState[(int)a.State]++;
            }
        }

        return new TenantStatus(tenant, waiting, TimeSpan.FromTicks(longest), AgentStateCounts.From(byState));
    }

    /// <summary>The contacts waiting in a queue, in service order.</summary>
    public IReadOnlyList<ContactId> GetWaitingContacts(QueueId queueId)
    {
        var q = QueueOf(queueId);
        var list = new List<ContactId>(q.Waiting.Count);
        if (q.Waiting.First(out var e))
        {
            do
            {
                list.Add(_contacts[e.Secondary].Id);
            }
            while (q.Waiting.After(e, out e));
        }

        return list;
    }

    /// <summary>The agent connected to a contact, if any.</summary>
    public AgentId? GetAgentOf(ContactId contactId) => _contacts.TryGetValue(contactId.Sequence, out var c) ? c.Agent?.Id : null;

    /// <summary>The agents ringing for a contact.</summary>
    public IReadOnlyList<AgentId> GetOffers(ContactId contactId) =>
        _contacts.TryGetValue(contactId.Sequence, out var c) ? c.Offers.ConvertAll(a => a.Id) : [];

    /// <summary>The estimate recorded when the contact joined its queue (for measuring the estimator's error).</summary>
    internal TimeSpan? EstimateAtEntry(ContactId contactId) =>
        _contacts.TryGetValue(contactId.Sequence, out var c) && c.EstimatedWaitTicks >= 0 ? TimeSpan.FromTicks(c.EstimatedWaitTicks) : null;

    /// <summary>Every assignment (agent, contact, phase, channel): for invariant checks in tests.</summary>
    internal List<(AgentId Agent, ContactId Contact, bool Connected, Channel Channel)> AssignmentsForChecks()
    {
        var list = new List<(AgentId, ContactId, bool, Channel)>();
        foreach (var a in _agents)
        {
            foreach (var x in a.Assignments)
            {
                list.Add((a.Id, x.Contact.Id, x.Phase == AssignmentPhase.Connected, x.Contact.Request.Channel));
            }
        }

        return list;
    }

    /// <summary>
    /// The contact-side decision alone, for benchmarks: which member would a contact with this request
    /// be offered to now? Nothing is enqueued, offered or raised.
    /// </summary>
    internal AgentId? DecideAgentFor(ContactRuntime probe)
    {
        Now();
        var member = probe.Queue.Strategy.Select(probe, this);
        return member?.Agent.Id;
    }

    /// <summary>A contact that is not in any queue, to feed <see cref="DecideAgentFor"/>.</summary>
    internal ContactRuntime CreateProbe(ContactRequest request)
    {
        Now();
        var q = QueueOf(request.Queue);
        var c = new ContactRuntime(new ContactId(request.Queue.Tenant, -1), request, _now) { Queue = q, EnqueueTicks = _now };
        var (skills, levels) = ResolveRequirements(c.Id.Tenant, request.RequiredSkills, "probe");
        c.RequiredSkills = skills;
        c.RequiredLevels = levels;
        return c;
    }

    /// <summary>
    /// The agent-side decision alone, for benchmarks: which waiting contact would this agent take if it
    /// were free now? Nothing is offered or raised.
    /// </summary>
    internal ContactId? DecideContactFor(AgentId agentId)
    {
        Now();
        var a = AgentOf(agentId);
        _assumedFree = a;
        try
        {
            return BestContactFor(a, out _)?.Id;
        }
        finally
        {
            _assumedFree = null;
        }
    }
}
