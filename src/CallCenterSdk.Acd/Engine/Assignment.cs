namespace CallCenterSdk.Acd.Engine;

/// <summary>One contact on one agent's desk: ringing, connected or in wrap-up. Pooled by the engine.</summary>
internal sealed class Assignment
{
    public ContactRuntime Contact = null!;
    public QueueRuntime Queue = null!;
    public AssignmentPhase Phase;
    public long PhaseSinceTicks;
    public long TalkTicks;
    public long HoldTicks;
    public bool Transferred;
}
