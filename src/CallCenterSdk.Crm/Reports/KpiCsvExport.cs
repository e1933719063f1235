using System.Globalization;
using CsvHelper;

namespace CallCenterSdk.Crm.Reports;

/// <summary>Writes KPI rows as CSV (RFC 4180, invariant culture, ratios as fractions, empty when undefined).</summary>
public static class KpiCsvExport
{
    /// <summary>The header row's column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "bucket_start", "key", "offered", "answered", "abandoned", "short_abandoned", "answered_within_threshold", "abandoned_within_threshold",
        "service_level", "asa_s", "aht_s", "acw_s", "abandon_rate", "avg_abandon_s", "max_wait_s",
        "talk_s", "hold_s", "wrap_up_s", "transfers", "occupancy", "utilization", "survey_count", "survey_avg",
    ];

    /// <summary>Writes the header and one line per row.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when written and flushed.</returns>
    public static async Task WriteAsync(IEnumerable<KpiRow> rows, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync().ConfigureAwait(false);
        foreach (var r in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = r.Counts;
            csv.WriteField(r.BucketStart.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            csv.WriteField(r.Key);
            csv.WriteField(c.Offered);
            csv.WriteField(c.Answered);
            csv.WriteField(c.Abandoned);
            csv.WriteField(c.ShortAbandoned);
            csv.WriteField(c.AnsweredWithinThreshold);
            csv.WriteField(c.AbandonedWithinThreshold);
            csv.WriteField(Format(r.ServiceLevel));
            csv.WriteField(Format(r.AverageSpeedOfAnswer));
            csv.WriteField(Format(r.AverageHandleTime));
            csv.WriteField(Format(r.AverageAfterCallWork));
            csv.WriteField(Format(r.AbandonRate));
            csv.WriteField(Format(r.AverageAbandonTime));
            csv.WriteField(Format(c.MaxWaitMilliseconds / 1000.0));
            csv.WriteField(c.TalkSeconds);
            csv.WriteField(c.HoldSeconds);
            csv.WriteField(c.WrapUpSeconds);
            csv.WriteField(c.Transfers);
            csv.WriteField(Format(r.Occupancy));
            csv.WriteField(Format(r.Utilization));
            csv.WriteField(c.SurveyCount);
            csv.WriteField(Format(r.AverageSurveyScore));
            await csv.NextRecordAsync().ConfigureAwait(false);
        }

        await csv.FlushAsync().ConfigureAwait(false);
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : string.Empty;
}
