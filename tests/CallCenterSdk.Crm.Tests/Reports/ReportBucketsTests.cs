using CallCenterSdk.Crm.Reports;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Crm.Tests.Reports;

public sealed class ReportBucketsTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    [Fact]
    public void Buckets_start_on_local_boundaries()
    {
        var at = new DateTimeOffset(2026, 3, 8, 23, 40, 0, TimeSpan.Zero); // Monday 00:40 in CET
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 30, 0, Cet), ReportBuckets.StartOf(at, ReportGranularity.Interval30, Cet));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, Cet), ReportBuckets.StartOf(at, ReportGranularity.Day, Cet));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, Cet), ReportBuckets.StartOf(at, ReportGranularity.Week, Cet));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), ReportBuckets.StartOf(at, ReportGranularity.Week, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, Cet), ReportBuckets.StartOf(at, ReportGranularity.Month, Cet));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, Cet), ReportBuckets.Next(new DateTimeOffset(2026, 3, 1, 0, 0, 0, Cet), ReportGranularity.Month));
    }

    [Fact]
    public void Agent_time_is_clipped_to_the_range_and_split_at_bucket_edges()
    {
        var day = new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero);
        var request = new KpiRequest(day, day.AddDays(1), ReportGranularity.Interval60, ReportDimension.Agent);
        var split = ReportBuckets.SplitAgentTime(
            [new AgentStateRecord("a", AgentState.OnCall, day.AddMinutes(-30), day.AddMinutes(90)), new AgentStateRecord("a", AgentState.Break, day.AddHours(23).AddMinutes(30), day.AddDays(1).AddHours(1))],
            request, "tenant");
        Assert.Equal(3600, split[(day, "a")].OnCallSeconds);
        Assert.Equal(1800, split[(day.AddHours(1), "a")].OnCallSeconds);
        Assert.Equal(1800, split[(day.AddHours(23), "a")].OtherSeconds);
        Assert.Equal(3, split.Count);
    }

    [Property(MaxTest = 150)]
    public Property Splitting_conserves_the_time_inside_the_range()
    {
        var day = new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero);
        var gen = from start in Gen.Choose(-7200, 90_000)
                  from length in Gen.Choose(0, 86_400)
                  from g in Gen.Elements(Enum.GetValues<ReportGranularity>())
                  from offsetQuarterHours in Gen.Choose(-48, 56)
                  select (start, length, g, offsetQuarterHours);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var offset = TimeSpan.FromMinutes(15 * x.offsetQuarterHours);
            var request = new KpiRequest(day, day.AddDays(1), x.g, ReportDimension.Tenant, UtcOffset: offset);
            var span = new AgentStateRecord("a", AgentState.Available, day.AddSeconds(x.start), day.AddSeconds(x.start + x.length));
            var split = ReportBuckets.SplitAgentTime([span], request, "t");
            var inside = Math.Max(0, (Min(span.EndedAt, request.To) - Max(span.StartedAt, request.From)).TotalSeconds);
            var everyKeyIsABucketStart = split.Keys.All(k => ReportBuckets.StartOf(k.Bucket, x.g, offset) == k.Bucket);
            return Math.Abs(split.Values.Sum(v => v.AvailableSeconds) - inside) < 1e-6 && everyKeyIsABucketStart;
        });
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
