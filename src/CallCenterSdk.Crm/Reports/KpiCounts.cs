namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// The sums a KPI row is computed from (what the database aggregates per bucket and key). Queue waits are in
/// milliseconds, as the CDRs keep them (<see cref="Cdr.CallDetailRecord.QueueWaitMilliseconds"/>), so ASA and the
/// thresholds agree with the ACD's real-time figures; the other times are whole seconds.
/// </summary>
/// <param name="Offered">Queue legs started in the bucket.</param>
/// <param name="Answered">Of those, answered.</param>
/// <param name="Abandoned">Of those, abandoned (including short abandons).</param>
/// <param name="ShortAbandoned">Abandoned with queue wait below the short-abandon threshold.</param>
/// <param name="AnsweredWithinThreshold">Answered with queue wait at or below the service-level threshold.</param>
/// <param name="AbandonedWithinThreshold">Abandoned with queue wait at or below the service-level threshold.</param>
/// <param name="AnswerWaitMilliseconds">Sum of queue wait of answered legs, milliseconds.</param>
/// <param name="AbandonWaitMilliseconds">Sum of queue wait of abandoned legs, milliseconds.</param>
/// <param name="MaxWaitMilliseconds">Longest queue wait of any leg (answered, abandoned or overflowed), milliseconds.</param>
/// <param name="TalkSeconds">Sum of talk time of answered legs (billable seconds minus hold).</param>
/// <param name="HoldSeconds">Sum of hold time of answered legs.</param>
/// <param name="WrapUpSeconds">Sum of after-call work of answered legs.</param>
/// <param name="Transfers">Legs transferred onward.</param>
/// <param name="SurveyCount">Legs with a survey score.</param>
/// <param name="SurveySum">Sum of survey scores.</param>
public sealed record KpiCounts(
    long Offered,
    long Answered,
    long Abandoned,
    long ShortAbandoned,
    long AnsweredWithinThreshold,
    long AbandonedWithinThreshold,
    long AnswerWaitMilliseconds,
    long AbandonWaitMilliseconds,
    long MaxWaitMilliseconds,
    long TalkSeconds,
    long HoldSeconds,
    long WrapUpSeconds,
    long Transfers,
    long SurveyCount,
    long SurveySum);
