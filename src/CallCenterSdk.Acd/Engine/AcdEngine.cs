using CallCenterSdk.Acd.Engine;
using CallCenterSdk.Acd.Routing;

namespace CallCenterSdk.Acd;

/// <summary>
/// The ACD: queues, agents and contacts, and every routing decision between them. Pure and
/// deterministic: time comes from the <see cref="TimeProvider"/>, randomness from the injected
/// <see cref="Random"/>, and nothing runs by itself: the host calls <see cref="Advance"/> when
/// <see cref="NextDueTime"/> is reached. Not thread-safe: one caller at a time (a grain, an actor, a
/// lock in the host). Events go to the sinks after each operation, with no lock held.
/// </summary>
public sealed partial class AcdEngine : IMemberFilter
{
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly List<QueueRuntime> _queues = [];
    private readonly Dictionary<QueueId, QueueRuntime> _queueById = [];
    private readonly List<AgentRuntime> _agents = [];
    private readonly Dictionary<AgentId, AgentRuntime> _agentById = [];
    private readonly Dictionary<SkillId, int> _skillSlots = [];
    private readonly Dictionary<long, ContactRuntime> _contacts = [];
    private readonly Dictionary<(TenantId Tenant, string Caller), (int AgentSlot, long Ticks)> _lastAgentByCaller = [];
    private readonly TimerSchedule _timers = new();
    private readonly Stack<Assignment> _assignmentPool = new();
    private readonly List<IAcdEventSink> _sinks = [];
    private readonly List<AcdEvent> _pending = new(64);
    private readonly List<QueueRuntime> _emptied = new(4);
    private bool _dispatching;
    private AgentRuntime? _assumedFree;
    private bool _membersResolved = true;
    private long _nextContact = 1;
    private long _now;

    /// <summary>Creates an engine.</summary>
    /// <param name="time">Clock (use a fake one in tests and the simulator).</param>
    /// <param name="random">Random source for the random strategies.</param>
    /// <param name="options">Engine-wide options (default <see cref="AcdOptions"/>).</param>
    public AcdEngine(TimeProvider time, Random random, AcdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        _time = time;
        _random = random;
        Options = options ?? new AcdOptions();
    }

    /// <summary>Engine-wide options.</summary>
    public AcdOptions Options { get; }

    /// <summary>The earliest time at which <see cref="Advance"/> has work, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextDueTime => _timers.TryPeekDue(out long due) ? new DateTimeOffset(due, TimeSpan.Zero) : null;

    /// <summary>Number of contacts known to the engine (waiting, ringing, connected or in wrap-up).</summary>
    public int ActiveContacts => _contacts.Count;

    /// <summary>Adds a sink that receives every event.</summary>
    public void Subscribe(IAcdEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sinks.Add(sink);
    }

    /// <summary>Defines a queue. Define queues before the agents that serve them.</summary>
    public void DefineQueue(QueueDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrEmpty(definition.Id.Name) || string.IsNullOrEmpty(definition.Id.Tenant.Value))
        {
            throw new AcdException(AcdError.InvalidDefinition, "A queue needs a tenant and a name.");
        }

        if (_queueById.ContainsKey(definition.Id))
        {
            throw new AcdException(AcdError.InvalidDefinition, "Queue " + definition.Id + " is already defined.");
        }

        var (skills, levels) = ResolveRequirements(definition.Id.Tenant, definition.RequiredSkills, "queue " + definition.Id);
        var queue = new QueueRuntime(_queues.Count, definition, skills, levels);
        queue.Strategy = StrategyFactory.Create(queue, _random);
        queue.EmptySinceTicks = Now();
        _queues.Add(queue);
        _queueById.Add(definition.Id, queue);
        RecomputeGates(queue);
        foreach (var step in definition.Escalation)
        {
            if (step.After < TimeSpan.Zero || step.RelaxLevelsBy < 0)
            {
                throw new AcdException(AcdError.InvalidDefinition, "Escalation steps of " + definition.Id + " need a non-negative After and relaxation.");
            }
        }
    }

    /// <summary>Defines an agent (logged out). Every queue it names must exist and belong to its tenant.</summary>
    public void DefineAgent(AgentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var id = definition.Id;
        if (string.IsNullOrEmpty(id.Name) || string.IsNullOrEmpty(id.Tenant.Value))
        {
            throw new AcdException(AcdError.InvalidDefinition, "An agent needs a tenant and a name.");
        }

        if (_agentById.ContainsKey(id))
        {
            throw new AcdException(AcdError.InvalidDefinition, "Agent " + id + " is already defined.");
        }

        if (definition.VoiceCapacity < 1 || definition.ChatCapacity < 1 || definition.EmailCapacity < 1)
        {
            throw new AcdException(AcdError.InvalidDefinition, "Agent " + id + ": every channel capacity must be at least 1.");
        }

        var skillSlots = new int[definition.Skills.Count];
        var skillLevels = new int[definition.Skills.Count];
        for (int i = 0; i < skillSlots.Length; i++)
        {
            var s = definition.Skills[i];
            if (s.Skill.Tenant != id.Tenant)
            {
                throw new AcdException(AcdError.InvalidDefinition, "Agent " + id + " cannot hold skill " + s.Skill + " of another tenant.");
            }

            if (s.Level < SkillLevel.Min || s.Level > SkillLevel.Max)
            {
                throw new AcdException(AcdError.InvalidDefinition, "Agent " + id + ": proficiency in " + s.Skill.Name + " is " + s.Level + ", it must be 1 to 10.");
            }

            skillSlots[i] = SkillSlot(s.Skill);
            skillLevels[i] = s.Level;
            if (Array.IndexOf(skillSlots, skillSlots[i], 0, i) >= 0)
            {
                // The per-skill indexes hold a member once per skill.
                throw new AcdException(AcdError.InvalidDefinition, "Agent " + id + " lists skill " + s.Skill.Name + " twice.");
            }
        }

        var agent = new AgentRuntime(_agents.Count, definition, skillSlots, skillLevels)
        {
            StateSinceTicks = Now(),
            IdleSinceTicks = Now(),
        };
        var members = new MemberRuntime[definition.Queues.Count];
        for (int i = 0; i < members.Length; i++)
        {
            var m = definition.Queues[i];
            if (!_queueById.TryGetValue(m.Queue, out var queue))
            {
                throw new AcdException(AcdError.UnknownQueue, "Agent " + id + " names queue " + m.Queue + ", which is not defined.");
            }

            if (m.Queue.Tenant != id.Tenant)
            {
                throw new AcdException(AcdError.InvalidDefinition, "Agent " + id + " cannot serve queue " + m.Queue + " of another tenant.");
            }

            if (m.Level < 1 || m.Level > 10 || m.Penalty < 0 || m.ProfileDelay < TimeSpan.Zero)
            {
                throw new AcdException(AcdError.InvalidDefinition, "Agent " + id + " in " + m.Queue + ": level must be 1-10, penalty and delay non-negative.");
            }

            members[i] = new MemberRuntime(agent, queue, m, queue.Members.Count);
            queue.Members.Add(members[i]);
            queue.AgentsByState[(int)AgentState.LoggedOut]++;
        }

        // Routing-profile order: lower priority number first, then definition order.
        Array.Sort(members, (x, y) => x.Definition.ProfilePriority != y.Definition.ProfilePriority
            ? x.Definition.ProfilePriority.CompareTo(y.Definition.ProfilePriority)
            : x.Queue.Slot.CompareTo(y.Queue.Slot));
        agent.Members = members;
        _agents.Add(agent);
        _agentById.Add(id, agent);
        _membersResolved = false;
    }

    /// <summary>The time now as engine ticks (UTC).</summary>
    private long Now() => _now = _time.GetUtcNow().UtcTicks;

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private int SkillSlot(SkillId skill)
    {
        if (!_skillSlots.TryGetValue(skill, out int slot))
        {
            slot = _skillSlots.Count;
            _skillSlots.Add(skill, slot);
        }

        return slot;
    }

    private (int[] Skills, int[] Levels) ResolveRequirements(TenantId tenant, IReadOnlyList<SkillRequirement> requirements, string owner)
    {
        var skills = new int[requirements.Count];
        var levels = new int[requirements.Count];
        for (int i = 0; i < skills.Length; i++)
        {
            var r = requirements[i];
            if (r.Skill.Tenant != tenant)
            {
                throw new AcdException(AcdError.InvalidDefinition, owner + " cannot require skill " + r.Skill + " of another tenant.");
            }

            if (r.MinimumLevel < SkillLevel.Min || r.MinimumLevel > SkillLevel.Max)
            {
                throw new AcdException(AcdError.InvalidDefinition, owner + ": minimum level of " + r.Skill.Name + " is " + r.MinimumLevel + ", it must be 1 to 10.");
            }

            skills[i] = SkillSlot(r.Skill);
            levels[i] = r.MinimumLevel;
        }

        return (skills, levels);
    }

    /// <summary>Distinct waiting times at which a tier level or routing-profile delay opens up.</summary>
    private static void RecomputeGates(QueueRuntime queue)
    {
        var gates = new SortedSet<long>();
        var tiers = queue.Definition.Tiers;
        foreach (var m in queue.Members)
        {
            if (m.DelayTicks > 0)
            {
                gates.Add(m.DelayTicks);
            }

            if (tiers.Apply)
            {
                for (int rank = 1; rank < m.Level; rank++)
                {
                    gates.Add(tiers.MultiplyByLevel ? rank * tiers.Wait.Ticks : tiers.Wait.Ticks);
                }
            }
        }

        gates.Remove(0);
        queue.GateThresholds = [.. gates];
    }

    private void EnsureMembersResolved()
    {
        if (_membersResolved)
        {
            return;
        }

        foreach (var q in _queues)
        {
            RecomputeGates(q);
        }

        _membersResolved = true;
    }

    private QueueRuntime QueueOf(QueueId id) =>
        _queueById.TryGetValue(id, out var q) ? q : throw new AcdException(AcdError.UnknownQueue, "Queue " + id + " is not defined.");

    private AgentRuntime AgentOf(AgentId id) =>
        _agentById.TryGetValue(id, out var a) ? a : throw new AcdException(AcdError.UnknownAgent, "Agent " + id + " is not defined.");

    private ContactRuntime ContactOf(ContactId id) =>
        _contacts.TryGetValue(id.Sequence, out var c) && c.Id.Tenant == id.Tenant
            ? c
            : throw new AcdException(AcdError.UnknownContact, "Contact " + id + " is not active in the ACD.");

    private void Emit(in AcdEvent e) => _pending.Add(e);

    /// <summary>Delivers pending events to the sinks; nested calls from a sink only append.</summary>
    private void Flush()
    {
        if (_dispatching)
        {
            return;
        }

        _dispatching = true;
        try
        {
            for (int i = 0; i < _pending.Count; i++)
            {
                var e = _pending[i];
                foreach (var sink in _sinks)
                {
                    sink.OnEvent(e);
                }
            }
        }
        finally
        {
            _pending.Clear();
            _dispatching = false;
        }
    }
}
