using System.Globalization;
using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Statistics;
using Spectre.Console;

namespace CallCenterSdk.AcdLab;

/// <summary>Renders the demonstration center's wallboard and day report.</summary>
internal static class Wallboard
{
    private static string F(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Pct(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Secs(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s" : "-";

    public static void Interval(DemoCenter center, DateTimeOffset from, DateTimeOffset to)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title(string.Create(CultureInfo.InvariantCulture, $"Wallboard {to:HH:mm} (interval {from:HH:mm}-{to:HH:mm}, day so far for SL/ASA/abandon)"));
        foreach (var column in new[] { "queue", "strategy", "wait", "longest", "avail", "ring", "talk", "wrap", "n/ready", "offered", "answered", "SL", "ASA", "aband." })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var q in center.Queues)
        {
            var id = q.Definition.Id;
            var status = center.Engine.GetQueueStatus(id);
            var day = center.Statistics.Summarize(id, center.Start, to);
            table.AddRow(
                Markup.Escape(id.ToString()),
                q.Definition.Strategy.ToString(),
                status.Waiting.ToString(CultureInfo.InvariantCulture),
                Secs(status.LongestWait),
                status.Agents.Available.ToString(CultureInfo.InvariantCulture),
                status.Agents.Reserved.ToString(CultureInfo.InvariantCulture),
                status.Agents.OnContact.ToString(CultureInfo.InvariantCulture),
                status.Agents.WrapUp.ToString(CultureInfo.InvariantCulture),
                status.Agents.NotReady.ToString(CultureInfo.InvariantCulture),
                day.Offered.ToString(CultureInfo.InvariantCulture),
                day.Answered.ToString(CultureInfo.InvariantCulture),
                Pct(day.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndAbandoned)),
                Secs(day.AverageSpeedOfAnswer),
                Pct(day.AbandonRate));
        }

        foreach (var tenant in center.Tenants)
        {
            var status = center.Engine.GetTenantStatus(tenant);
            var day = center.Statistics.SummarizeTenant(tenant, center.Start, to);
            table.AddRow(
                "[bold]" + Markup.Escape(tenant.Value) + " (all)[/]",
                string.Empty,
                status.Waiting.ToString(CultureInfo.InvariantCulture),
                Secs(status.LongestWait),
                status.Agents.Available.ToString(CultureInfo.InvariantCulture),
                status.Agents.Reserved.ToString(CultureInfo.InvariantCulture),
                status.Agents.OnContact.ToString(CultureInfo.InvariantCulture),
                status.Agents.WrapUp.ToString(CultureInfo.InvariantCulture),
                status.Agents.NotReady.ToString(CultureInfo.InvariantCulture),
                day.Offered.ToString(CultureInfo.InvariantCulture),
                day.Answered.ToString(CultureInfo.InvariantCulture),
                Pct(day.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndAbandoned)),
                Secs(day.AverageSpeedOfAnswer),
                Pct(day.AbandonRate));
        }

        AnsiConsole.Write(table);
    }

    public static void DayReport(DemoCenter center, DateTimeOffset end)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Day report");
        foreach (var column in new[] { "queue", "offered", "answered", "aband.", "short ab.", "overflow", "transfers", "SL", "ASA", "AHT", "ACW", "max wait", "aband. rate" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        void Row(string name, QueueFigures f) => table.AddRow(
            Markup.Escape(name),
            f.Offered.ToString(CultureInfo.InvariantCulture),
            f.Answered.ToString(CultureInfo.InvariantCulture),
            f.Abandoned.ToString(CultureInfo.InvariantCulture),
            f.ShortAbandons.ToString(CultureInfo.InvariantCulture),
            f.Overflowed.ToString(CultureInfo.InvariantCulture),
            f.Transfers.ToString(CultureInfo.InvariantCulture),
            Pct(f.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndAbandoned)),
            Secs(f.AverageSpeedOfAnswer),
            Secs(f.AverageHandleTime),
            Secs(f.AverageAfterContactWork),
            Secs(f.MaxWait),
            Pct(f.AbandonRate));

        foreach (var q in center.Queues)
        {
            Row(q.Definition.Id.ToString(), center.Statistics.Summarize(q.Definition.Id, center.Start, end));
        }

        foreach (var tenant in center.Tenants)
        {
            Row(tenant.Value + " (all)", center.Statistics.SummarizeTenant(tenant, center.Start, end));
        }

        AnsiConsole.Write(table);
        foreach (var tenant in center.Tenants)
        {
            var time = center.Statistics.AgentTime(tenant, center.Start, end, end);
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{tenant.Value}: occupancy {Pct(time.Occupancy)}, utilization {Pct(time.Utilization)}, logged-in {time.LoggedIn.TotalHours:0.0} h, not ready {time.NotReady.TotalHours:0.0} h"));
        }

        foreach (var q in center.Queues)
        {
            var time = center.Statistics.AgentTime(q.Definition.Id, center.Start, end, end);
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{q.Definition.Id}: members' occupancy {Pct(time.Occupancy)}, utilization {Pct(time.Utilization)}"));
        }

        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"expected-wait estimator: mean absolute error {F(center.EstimateMeanAbsoluteErrorSeconds, "0.0")} s over {center.EstimateSamples} queued contacts"));
        AnsiConsole.WriteLine("events: " + string.Join(", ", center.EventCounts.OrderBy(kv => kv.Key).Select(kv => kv.Key + " " + kv.Value.ToString(CultureInfo.InvariantCulture))));
    }
}
