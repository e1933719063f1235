namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// One row of a KPI report: the counts of a bucket and key and the KPIs computed from them by
/// <see cref="KpiFormulas"/>. Ratios are fractions (0.8 = 80 %), times are seconds; a KPI whose
/// denominator is zero is null.
/// </summary>
/// <param name="BucketStart">Start of the bucket, with the offset of the request's time zone at that instant.</param>
/// <param name="Key">Tenant, queue or agent the row is for.</param>
/// <param name="Counts">The underlying sums.</param>
/// <param name="ServiceLevel">Service level per the request's formula.</param>
/// <param name="AverageSpeedOfAnswer">ASA = answer wait / answered, seconds with the milliseconds of the waits (answer wait in ms / answered / 1000).</param>
/// <param name="AverageHandleTime">AHT = (talk + hold + wrap-up) / answered.</param>
/// <param name="AverageAfterCallWork">ACW = wrap-up / answered.</param>
/// <param name="AbandonRate">(abandoned − short) / (answered + abandoned − short).</param>
/// <param name="AverageAbandonTime">Abandon wait / abandoned, seconds (abandon wait in ms / abandoned / 1000).</param>
/// <param name="Occupancy">(on call + wrap-up) / (available + on call + wrap-up) agent time; null per queue.</param>
/// <param name="Utilization">(on call + wrap-up) / all logged-in agent time; null per queue.</param>
/// <param name="AverageSurveyScore">Survey sum / survey count.</param>
public sealed record KpiRow(
    DateTimeOffset BucketStart,
    string Key,
    KpiCounts Counts,
    double? ServiceLevel,
    double? AverageSpeedOfAnswer,
    double? AverageHandleTime,
    double? AverageAfterCallWork,
    double? AbandonRate,
    double? AverageAbandonTime,
    double? Occupancy,
    double? Utilization,
    double? AverageSurveyScore);
