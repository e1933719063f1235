using CallCenterSdk.Acd.Routing;

namespace CallCenterSdk.Acd.Engine;

/// <summary>The live state of one queue: its members, strategy index and waiting contacts.</summary>
internal sealed class QueueRuntime
{
    // Strict priority classes: one point outweighs ~115 days of waiting.
    private const long StrictTicksPerPoint = TimeSpan.TicksPerDay * 115;

    public QueueRuntime(int slot, QueueDefinition definition, int[] requiredSkills, int[] requiredLevels)
    {
        Slot = slot;
        Definition = definition;
        RequiredSkills = requiredSkills;
        RequiredLevels = requiredLevels;
        TicksPerPriorityPoint = definition.AgingSecondsPerPriorityPoint > 0
            ? (long)(definition.AgingSecondsPerPriorityPoint * TimeSpan.TicksPerSecond)
            : StrictTicksPerPoint;
        HandleTicksEstimate = definition.InitialHandleTimeEstimate.Ticks;
    }

    public int Slot { get; }

    public QueueDefinition Definition { get; }

    public QueueId Id => Definition.Id;

    public int[] RequiredSkills { get; }

    public int[] RequiredLevels { get; }

    public long TicksPerPriorityPoint { get; }

    public AgentSelectionStrategy Strategy { get; set; } = null!;

    public List<MemberRuntime> Members { get; } = [];

    /// <summary>Waiting contacts by (enqueue time - priority x ticks per point, sequence): the service order.</summary>
    public OrderedIndex Waiting { get; } = new(64);

    /// <summary>Waiting contacts by (enqueue time, sequence): the longest waiting first.</summary>
    public OrderedIndex ByArrival { get; } = new(64);

    public readonly int[] AgentsByState = new int[6];
    public readonly int[] AvailableByLevel = new int[12];
    public long[] GateThresholds = [];
    public long HandleTicksEstimate;
    public long EmptySinceTicks = -1;

    public int LoggedIn => Members.Count - AgentsByState[(int)AgentState.LoggedOut];

    /// <summary>Members logged in and not in not-ready: the ones that will take contacts.</summary>
    public int Staffed => LoggedIn - AgentsByState[(int)AgentState.NotReady];

    public long ScoreOf(ContactRuntime contact) => contact.EnqueueTicks - (contact.Priority * TicksPerPriorityPoint);
}
