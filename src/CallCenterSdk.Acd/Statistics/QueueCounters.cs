namespace CallCenterSdk.Acd.Statistics;

/// <summary>Mutable counters behind one <see cref="QueueFigures"/> bucket.</summary>
internal sealed class QueueCounters
{
    public long Offered;
    public long Answered;
    public long AnsweredWithin;
    public long Abandoned;
    public long ShortAbandons;
    public long AbandonedWithin;
    public long Overflowed;
    public long Transfers;
    public long Completed;
    public long AnswerWaitTicks;
    public long AbandonWaitTicks;
    public long MaxWaitTicks;
    public long TalkTicks;
    public long HoldTicks;
    public long WrapTicks;

    public QueueFigures ToFigures() => new()
    {
        Offered = Offered,
        Answered = Answered,
        AnsweredWithinThreshold = AnsweredWithin,
        Abandoned = Abandoned,
        ShortAbandons = ShortAbandons,
        AbandonedWithinThreshold = AbandonedWithin,
        Overflowed = Overflowed,
        Transfers = Transfers,
        Completed = Completed,
        TotalAnswerWait = TimeSpan.FromTicks(AnswerWaitTicks),
        TotalAbandonWait = TimeSpan.FromTicks(AbandonWaitTicks),
        MaxWait = TimeSpan.FromTicks(MaxWaitTicks),
        TotalTalk = TimeSpan.FromTicks(TalkTicks),
        TotalHold = TimeSpan.FromTicks(HoldTicks),
        TotalWrapUp = TimeSpan.FromTicks(WrapTicks),
    };
}
