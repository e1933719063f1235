namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// The KPI formulas, in one place so both stores and docs/crm-cdr.md agree (and they match the ACD's
/// definitions in docs/acd.md): service level per <see cref="ServiceLevelFormula"/>, ASA, AHT = talk +
/// hold + wrap-up per answered call, abandon rate excluding short abandons, occupancy and utilization.
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
        var slDenominator = formula switch
        {
            ServiceLevelFormula.AnsweredWithinOverOffered => c.Offered,
            ServiceLevelFormula.AnsweredWithinOverAnswered => c.Answered,
            _ => c.Offered - c.ShortAbandoned,
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
            ServiceLevel: Ratio(c.AnsweredWithinThreshold, slDenominator),
            AverageSpeedOfAnswer: Ratio(c.AnswerWaitSeconds, c.Answered),
            AverageHandleTime: Ratio(c.TalkSeconds + c.HoldSeconds + c.WrapUpSeconds, c.Answered),
            AverageAfterCallWork: Ratio(c.WrapUpSeconds, c.Answered),
            AbandonRate: Ratio(c.Abandoned - c.ShortAbandoned, c.Offered - c.ShortAbandoned),
            AverageAbandonTime: Ratio(c.AbandonWaitSeconds, c.Abandoned),
            Occupancy: occupancy,
            Utilization: utilization,
            AverageSurveyScore: Ratio(c.SurveySum, c.SurveyCount));
    }

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}
