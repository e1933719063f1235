namespace CallCenterSdk.Acd.Statistics;

/// <summary>
/// Contact counters of one queue over a period, and the KPIs derived from them (formulas in docs/acd.md).
/// Outcomes (answered, abandoned, overflowed) count in the interval in which they happen.
/// </summary>
public sealed record QueueFigures
{
    /// <summary>Contacts that entered the queue (transfers in included).</summary>
    public long Offered { get; init; }

    /// <summary>Contacts answered.</summary>
    public long Answered { get; init; }

    /// <summary>Contacts answered within the service-level threshold.</summary>
    public long AnsweredWithinThreshold { get; init; }

    /// <summary>Contacts that abandoned while waiting.</summary>
    public long Abandoned { get; init; }

    /// <summary>Abandons quicker than the short-abandon threshold.</summary>
    public long ShortAbandons { get; init; }

    /// <summary>Abandons within the service-level threshold.</summary>
    public long AbandonedWithinThreshold { get; init; }

    /// <summary>Contacts sent to an overflow target.</summary>
    public long Overflowed { get; init; }

    /// <summary>Contacts transferred out by agents.</summary>
    public long Transfers { get; init; }

    /// <summary>Contacts completed (wrap-up ended).</summary>
    public long Completed { get; init; }

    /// <summary>Sum of the waits of answered contacts.</summary>
    public TimeSpan TotalAnswerWait { get; init; }

    /// <summary>Sum of the waits of abandoned contacts.</summary>
    public TimeSpan TotalAbandonWait { get; init; }

    /// <summary>Longest wait of an answered or abandoned contact.</summary>
    public TimeSpan MaxWait { get; init; }

    /// <summary>Sum of talk time of completed contacts.</summary>
    public TimeSpan TotalTalk { get; init; }

    /// <summary>Sum of hold time of completed contacts.</summary>
    public TimeSpan TotalHold { get; init; }

    /// <summary>Sum of wrap-up time of completed contacts.</summary>
    public TimeSpan TotalWrapUp { get; init; }

    /// <summary>The service level under a variant; null when the denominator is zero.</summary>
    public double? ServiceLevel(ServiceLevelVariant variant)
    {
        double num, den;
        switch (variant)
        {
            case ServiceLevelVariant.AnsweredWithinOverAnswered:
                num = AnsweredWithinThreshold;
                den = Answered;
                break;
            case ServiceLevelVariant.AnsweredWithinOverAnsweredAndLongAbandons:
                num = AnsweredWithinThreshold;
                den = Answered + Abandoned - ShortAbandons;
                break;
            case ServiceLevelVariant.AnsweredOrAbandonedWithinOverAnsweredAndAbandoned:
                num = AnsweredWithinThreshold + AbandonedWithinThreshold;
                den = Answered + Abandoned;
                break;
            default:
                num = AnsweredWithinThreshold;
                den = Answered + Abandoned;
                break;
        }

        return den > 0 ? num / den : null;
    }

    /// <summary>ASA = total answer wait / answered.</summary>
    public TimeSpan? AverageSpeedOfAnswer => Answered > 0 ? TotalAnswerWait / Answered : null;

    /// <summary>AHT = (talk + hold + wrap-up) / completed.</summary>
    public TimeSpan? AverageHandleTime => Completed > 0 ? (TotalTalk + TotalHold + TotalWrapUp) / Completed : null;

    /// <summary>Average after-contact work = wrap-up / completed.</summary>
    public TimeSpan? AverageAfterContactWork => Completed > 0 ? TotalWrapUp / Completed : null;

    /// <summary>Abandon rate = (Ab - Ab_s) / (Ans + Ab - Ab_s): short abandons excluded from both sides.</summary>
    public double? AbandonRate
    {
        get
        {
            double den = Answered + Abandoned - ShortAbandons;
            return den > 0 ? (Abandoned - ShortAbandons) / den : null;
        }
    }

    /// <summary>Average time to abandon = total abandon wait / abandoned.</summary>
    public TimeSpan? AverageAbandonTime => Abandoned > 0 ? TotalAbandonWait / Abandoned : null;

    /// <summary>Sums two periods.</summary>
    public static QueueFigures operator +(QueueFigures x, QueueFigures y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return new QueueFigures
        {
            Offered = x.Offered + y.Offered,
            Answered = x.Answered + y.Answered,
            AnsweredWithinThreshold = x.AnsweredWithinThreshold + y.AnsweredWithinThreshold,
            Abandoned = x.Abandoned + y.Abandoned,
            ShortAbandons = x.ShortAbandons + y.ShortAbandons,
            AbandonedWithinThreshold = x.AbandonedWithinThreshold + y.AbandonedWithinThreshold,
            Overflowed = x.Overflowed + y.Overflowed,
            Transfers = x.Transfers + y.Transfers,
            Completed = x.Completed + y.Completed,
            TotalAnswerWait = x.TotalAnswerWait + y.TotalAnswerWait,
            TotalAbandonWait = x.TotalAbandonWait + y.TotalAbandonWait,
            MaxWait = x.MaxWait > y.MaxWait ? x.MaxWait : y.MaxWait,
            TotalTalk = x.TotalTalk + y.TotalTalk,
            TotalHold = x.TotalHold + y.TotalHold,
            TotalWrapUp = x.TotalWrapUp + y.TotalWrapUp,
        };
    }

    /// <summary>Sums two periods (named alternative to +).</summary>
    public static QueueFigures Add(QueueFigures x, QueueFigures y) => x + y;
}
