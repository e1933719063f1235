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

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void A_spring_change_day_has_23_hours_and_an_autumn_change_day_25()
    {
        var spring = ReportBuckets.StartOf(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero), ReportGranularity.Day, Berlin);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), spring);
        Assert.Equal(TimeSpan.FromHours(1), spring.Offset);
        Assert.Equal(TimeSpan.FromHours(23), ReportBuckets.Next(spring, ReportGranularity.Day, Berlin) - spring);
        var autumn = ReportBuckets.StartOf(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero), ReportGranularity.Day, Berlin);
        Assert.Equal(TimeSpan.FromHours(2), autumn.Offset);
        Assert.Equal(TimeSpan.FromHours(25), ReportBuckets.Next(autumn, ReportGranularity.Day, Berlin) - autumn);
        // The week holding the autumn change (Mon 19 to Mon 26 October) is 7 days and an hour.
        var week = ReportBuckets.StartOf(autumn, ReportGranularity.Week, Berlin);
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 0, 0, 0, TimeSpan.FromHours(2)), week);
        Assert.Equal(TimeSpan.FromHours(169), ReportBuckets.Next(week, ReportGranularity.Week, Berlin) - week);
        // March 2026 in Berlin is 31 days less an hour.
        var march = ReportBuckets.StartOf(spring, ReportGranularity.Month, Berlin);
        Assert.Equal(TimeSpan.FromHours((31 * 24) - 1), ReportBuckets.Next(march, ReportGranularity.Month, Berlin) - march);
    }

    [Fact]
    public void The_repeated_autumn_hour_is_two_intervals_and_the_skipped_spring_hour_none()
    {
        var first = ReportBuckets.StartOf(new DateTimeOffset(2026, 10, 25, 0, 40, 0, TimeSpan.Zero), ReportGranularity.Interval60, Berlin);
        var second = ReportBuckets.StartOf(new DateTimeOffset(2026, 10, 25, 1, 40, 0, TimeSpan.Zero), ReportGranularity.Interval60, Berlin);
        Assert.Equal((2, 2, 1), (first.Hour, second.Hour, (int)(second - first).TotalHours));
        Assert.Equal(second, ReportBuckets.Next(first, ReportGranularity.Interval60, Berlin));
        var beforeGap = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), ReportBuckets.Next(beforeGap, ReportGranularity.Interval60, Berlin));
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_starts_where_the_gap_ends()
    {
        // America/Santiago moves its clocks from 24:00 to 01:00 on Sunday 6 September 2026.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var day = ReportBuckets.StartOf(new DateTimeOffset(2026, 9, 6, 15, 0, 0, TimeSpan.Zero), ReportGranularity.Day, santiago);
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 1, 0, 0, TimeSpan.FromHours(-3)), day);
        Assert.Equal(TimeSpan.FromHours(23), ReportBuckets.Next(day, ReportGranularity.Day, santiago) - day);
    }

    [Fact]
    public void Agent_time_of_the_25_hour_day_is_25_hours()
    {
        var from = new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.FromHours(1));
        var request = new KpiRequest(from, to, ReportGranularity.Day, ReportDimension.Agent, TimeZone: Berlin);
        var split = ReportBuckets.SplitAgentTime([new AgentStateRecord("a", AgentState.Available, from, to)], request, "t");
        Assert.Equal([24.0, 25.0, 24.0], split.OrderBy(x => x.Key.Bucket).Select(x => x.Value.AvailableSeconds / 3600));
    }

    [Property(MaxTest = 300)]
    public Property Every_instant_of_2026_lies_in_its_Berlin_bucket_and_buckets_tile_time()
    {
        var gen = from seconds in Gen.Choose(0, 365 * 86_400)
                  from g in Gen.Elements(Enum.GetValues<ReportGranularity>())
                  select (seconds, g);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var instant = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(x.seconds);
            var start = ReportBuckets.StartOf(instant, x.g, Berlin);
            var next = ReportBuckets.Next(start, x.g, Berlin);
            var local = TimeZoneInfo.ConvertTime(start, Berlin);
            var midnight = x.g is ReportGranularity.Day or ReportGranularity.Week or ReportGranularity.Month ? local.TimeOfDay == TimeSpan.Zero : local.Minute % 15 == 0;
            return start <= instant && instant < next && ReportBuckets.StartOf(start, x.g, Berlin) == start
                && ReportBuckets.StartOf(next, x.g, Berlin) == next && start.Offset == Berlin.GetUtcOffset(start) && midnight;
        });
    }

    [Fact]
    public void A_year_in_Berlin_splits_at_the_two_changes_to_the_tick()
    {
        var year = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var parts = OffsetSegment.Split(year, year.AddYears(1), Berlin);
        Assert.Equal(
            [
                new OffsetSegment(year, new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1)),
                new OffsetSegment(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)),
                new OffsetSegment(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero), year.AddYears(1), TimeSpan.FromHours(1)),
            ],
            parts);
        Assert.Single(OffsetSegment.Split(year, year.AddYears(1), ReportBuckets.FixedZone(TimeSpan.FromHours(-5))));
    }

    [Property(MaxTest = 200)]
    public Property Offset_segments_tile_the_range_and_keep_one_offset_each()
    {
        var gen = from startMinutes in Gen.Choose(0, 365 * 1440)
                  from lengthMinutes in Gen.Choose(1, 120 * 1440)
                  select (startMinutes, lengthMinutes);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(x.startMinutes);
            var to = from.AddMinutes(x.lengthMinutes);
            var parts = OffsetSegment.Split(from, to, Berlin);
            var contiguous = parts[0].From == from && parts[^1].To == to && parts.Zip(parts.Skip(1)).All(p => p.First.To == p.Second.From && p.First.Offset != p.Second.Offset);
            var constant = parts.All(p => p.From < p.To && Berlin.GetUtcOffset(p.From) == p.Offset && Berlin.GetUtcOffset(p.To.AddTicks(-1)) == p.Offset);
            return contiguous && constant;
        });
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
