namespace CallCenterSdk.Crm.Reports;

/// <summary>What KPI report to compute.</summary>
/// <param name="From">Start (inclusive); bucket boundaries are aligned to the local time given by <paramref name="UtcOffset"/>.</param>
/// <param name="To">End (exclusive).</param>
/// <param name="Granularity">Bucket size.</param>
/// <param name="Dimension">Per tenant, queue or agent.</param>
/// <param name="ServiceLevelThresholdSeconds">Answer-within threshold T of the service level (default 20).</param>
/// <param name="ShortAbandonThresholdSeconds">Abandons with a queue wait below this are short abandons (default 5).</param>
/// <param name="ServiceLevel">Which service-level formula.</param>
/// <param name="UtcOffset">Offset of the center's local time from UTC, for day/week/month boundaries.</param>
public sealed record KpiRequest(
    DateTimeOffset From,
    DateTimeOffset To,
    ReportGranularity Granularity = ReportGranularity.Day,
    ReportDimension Dimension = ReportDimension.Tenant,
    int ServiceLevelThresholdSeconds = 20,
    int ShortAbandonThresholdSeconds = 5,
    ServiceLevelFormula ServiceLevel = ServiceLevelFormula.AnsweredWithinOverAnsweredAndAbandoned,
    TimeSpan UtcOffset = default)
{
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

        if (!Enum.IsDefined(Granularity) || !Enum.IsDefined(Dimension) || !Enum.IsDefined(ServiceLevel))
        {
            throw new CrmValidationException("request", "unknown granularity, dimension or service-level formula");
        }
    }
}
