namespace CallCenterSdk.Acd.Engine;

/// <summary>The live state of one contact.</summary>
internal sealed class ContactRuntime
{
    public ContactRuntime(ContactId id, ContactRequest request, long arrivalTicks)
    {
        Id = id;
        Request = request;
        ArrivalTicks = arrivalTicks;
    }

    public ContactId Id { get; }

    public long Sequence => Id.Sequence;

    public ContactRequest Request { get; }

    public long ArrivalTicks { get; }

    public ContactPhase Phase;
    public QueueRuntime Queue = null!;
    public long EnqueueTicks;
    public long Generation;
    public int Priority;
    public int[] RequiredSkills = [];
    public int[] RequiredLevels = [];
    public int Relax;
    public int StepIndex;
    public int OverflowHops;

    /// <summary>Queues whose waiting index holds this contact (its queue first, then escalation targets).</summary>
    public readonly List<QueueRuntime> In = new(2);

    /// <summary>Best (smallest) member rank among the agents ringing for this contact (ring-all).</summary>
    public long RingRank;

    /// <summary>Agents currently ringing for this contact.</summary>
    public readonly List<AgentRuntime> Offers = new(1);

    public AgentRuntime? Agent;
    public long AnsweredTicks;
    public long HoldTicks;
    public long HoldSinceTicks = -1;
    public int StickyAgentSlot = -1;
    public long StickyUntilTicks;
    public long EstimatedWaitTicks = -1;
}
