namespace CallCenterSdk.Crm.Reports;

/// <summary>What KPI report to compute.</summary>
/// <param name="From">Start (inclusive); bucket boundaries are aligned to the local time of <paramref name="TimeZone"/> (or <paramref name="UtcOffset"/>).</param>
/// <param name="To">End (exclusive).</param>
/// <param name="Granularity">Bucket size.</param>
/// <param name="Dimension">Per tenant, queue or agent.</param>
/// <param name="ServiceLevelThresholdSeconds">Answer-within threshold T of the service level (default 20).</param>
/// <param name="ShortAbandonThresholdSeconds">Abandons with a queue wait below this are short abandons (default 5).</param>
/// <param name="ServiceLevel">Which service-level formula.</param>
/// <param name="UtcOffset">A fixed offset of the center's local time from UTC. Correct only where local time never changes
/// offset (no daylight saving); give <paramref name="TimeZone"/> instead for a zone that does. Not both.</param>
/// <param name="TimeZone">The center's time zone (e.g. <c>TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")</c>): days, weeks
/// and months run from local midnight to local midnight (23 or 25 hours on a daylight-saving change) and intervals follow
/// the local clock. Null means <paramref name="UtcOffset"/> (UTC when that is zero too).</param>
public sealed record KpiRequest(
    DateTimeOffset From,
    DateTimeOffset To,
    ReportGranularity Granularity = ReportGranularity.Day,
    ReportDimension Dimension = ReportDimension.Tenant,
    int ServiceLevelThresholdSeconds = 20,
    int ShortAbandonThresholdSeconds = 5,
    ServiceLevelFormula ServiceLevel = ServiceLevelFormula.AnsweredWithinOverAnsweredAndAbandoned,
    TimeSpan UtcOffset = default,
    TimeZoneInfo? TimeZone = null)
{
    /// <summary>The zone buckets follow: <see cref="TimeZone"/>, or a fixed zone at <see cref="UtcOffset"/>.</summary>
    public TimeZoneInfo Zone => TimeZone ?? ReportBuckets.FixedZone(UtcOffset);

    internal void Validate()
    {
        if (To <= From)
        {
            throw new CrmValidationException("to", "must be after from");
        }

        if (ServiceLevelThresholdSeconds < 0 || ShortAbandonThresholdSeconds < 0)
        {
            throw new CrmValidationException("threshold", "thresholds must not be negative");
        }

        if (UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0 || Math.Abs(UtcOffset.TotalHours) > 14)
        {
            throw new CrmValidationException("utcOffset", "must be whole minutes within ±14 h");
        }

        if (TimeZone is not null && UtcOffset != TimeSpan.Zero)
        {
            throw new CrmValidationException("timeZone", "give a time zone or a fixed UTC offset, not both");
        }

        if (!Enum.IsDefined(Granularity) || !Enum.IsDefined(Dimension) || !Enum.IsDefined(ServiceLevel))
        {
            throw new CrmValidationException("request", "unknown granularity, dimension or service-level formula");
        }
    }
}
