namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// The KPI formulas, in one place so both stores and docs/crm-cdr.md agree; they are the ACD's
/// definitions (docs/acd.md, "Statistics and KPI formulas"): service level per
/// <see cref="ServiceLevelFormula"/>, ASA, AHT = (talk + hold + wrap-up) / answered, abandon rate
/// (Ab − Ab_s) / (Ans + Ab − Ab_s), occupancy busy / (busy + available), utilization busy / logged in.
/// </summary>
public static class KpiFormulas
{
    /// <summary>Computes a report row from its sums.</summary>
    /// <param name="bucketStart">Bucket start.</param>
    /// <param name="key">Tenant, queue or agent.</param>
    /// <param name="c">The sums.</param>
    /// <param name="formula">Service-level variant.</param>
    /// <param name="agentTime">Agent time in the bucket, or null when not applicable (per queue).</param>
    /// <returns>The row.</returns>
    public static KpiRow Compute(DateTimeOffset bucketStart, string key, KpiCounts c, ServiceLevelFormula formula, AgentTime? agentTime)
    {
        ArgumentNullException.ThrowIfNull(c);
        var (slNumerator, slDenominator) = formula switch
        {
            ServiceLevelFormula.AnsweredWithinOverAnswered => (c.AnsweredWithinThreshold, c.Answered),
            ServiceLevelFormula.AnsweredWithinOverAnsweredAndLongAbandons => (c.AnsweredWithinThreshold, c.Answered + c.Abandoned - c.ShortAbandoned),
            ServiceLevelFormula.AnsweredOrAbandonedWithinOverAnsweredAndAbandoned => (c.AnsweredWithinThreshold + c.AbandonedWithinThreshold, c.Answered + c.Abandoned),
            _ => (c.AnsweredWithinThreshold, c.Answered + c.Abandoned),
        };
        double? occupancy = null, utilization = null;
        if (agentTime is { } t)
        {
            var busy = t.OnCallSeconds + t.WrapUpSeconds;
            occupancy = Ratio(busy, t.AvailableSeconds + busy);
            utilization = Ratio(busy, t.AvailableSeconds + busy + t.OtherSeconds);
        }

        return new KpiRow(
            bucketStart,
            key,
            c,
            ServiceLevel: Ratio(slNumerator, slDenominator),
            // Milliseconds over answered, then seconds: hosts that show the ACD's ASA divide the same way (docs/crm-cdr.md).
            AverageSpeedOfAnswer: Ratio(c.AnswerWaitMilliseconds, c.Answered) / 1000,
            AverageHandleTime: Ratio(c.TalkSeconds + c.HoldSeconds + c.WrapUpSeconds, c.Answered),
            AverageAfterCallWork: Ratio(c.WrapUpSeconds, c.Answered),
            AbandonRate: Ratio(c.Abandoned - c.ShortAbandoned, c.Answered + c.Abandoned - c.ShortAbandoned),
            AverageAbandonTime: Ratio(c.AbandonWaitMilliseconds, c.Abandoned) / 1000,
            Occupancy: occupancy,
            Utilization: utilization,
            AverageSurveyScore: Ratio(c.SurveySum, c.SurveyCount));
    }

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}
