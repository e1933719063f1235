namespace CallCenterSdk.Acd.Engine;

internal enum TimerKind
{
    OfferTimeout = 0,
    WrapUpEnd = 1,
    DelayEnd = 2,
    Recheck = 3,
    Escalate = 4,
    MaxWait = 5,
    NoAgentCheck = 6,
    QueueEmptyCheck = 7,
    RingProgress = 8,
}
