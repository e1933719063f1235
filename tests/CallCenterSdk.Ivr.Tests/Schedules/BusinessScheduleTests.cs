using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Schedules;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Schedules;

public class BusinessScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly IReadOnlyList<OpeningHours> NineToSix = [new(new TimeOnly(9, 0), new TimeOnly(18, 0))];

    internal static BusinessSchedule Support(TimeZoneInfo zone) => new(
        "support",
        zone,
        new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>
        {
            [DayOfWeek.Monday] = NineToSix,
            [DayOfWeek.Tuesday] = NineToSix,
            [DayOfWeek.Wednesday] = NineToSix,
            [DayOfWeek.Thursday] = NineToSix,
            [DayOfWeek.Friday] = [new(new TimeOnly(9, 0), new TimeOnly(12, 0)), new(new TimeOnly(13, 0), new TimeOnly(18, 0))],
            [DayOfWeek.Saturday] = [new(new TimeOnly(22, 0), new TimeOnly(2, 0))],
        },
        [
            new HolidayCalendar("cn", [
                Holiday.On("New Year", new DateOnly(2000, 1, 1), recurring: true),
                new Holiday("Spring Festival", new DateOnly(2027, 2, 5), new DateOnly(2027, 2, 11)),
                new Holiday("Year end", new DateOnly(2000, 12, 31), new DateOnly(2000, 1, 2), Recurring: true),
            ]),
        ],
        [
            new SpecialDay("Inventory", new DateOnly(2026, 11, 25), []),
            new SpecialDay("Short day", new DateOnly(2026, 11, 26), [new(new TimeOnly(9, 0), new TimeOnly(12, 0))]),
        ]);

    [Theory]
    [InlineData("2026-11-23T01:00:00Z", ScheduleState.Open, null)]         // Mon 09:00 Shanghai
    [InlineData("2026-11-23T00:59:59Z", ScheduleState.Closed, null)]       // Mon 08:59:59
    [InlineData("2026-11-23T10:00:00Z", ScheduleState.Closed, null)]       // Mon 18:00 (close is exclusive)
    [InlineData("2026-11-27T04:30:00Z", ScheduleState.Closed, null)]       // Fri 12:30 lunch
    [InlineData("2026-11-27T05:00:00Z", ScheduleState.Open, null)]         // Fri 13:00
    [InlineData("2026-11-28T15:00:00Z", ScheduleState.Open, null)]         // Sat 23:00 overnight
    [InlineData("2026-11-28T17:30:00Z", ScheduleState.Open, null)]         // Sun 01:30, Saturday's span
    [InlineData("2026-11-28T18:00:00Z", ScheduleState.Closed, null)]       // Sun 02:00
    [InlineData("2026-11-25T03:00:00Z", ScheduleState.Holiday, "Inventory")]
    [InlineData("2026-11-26T03:00:00Z", ScheduleState.Open, "Short day")]
    [InlineData("2026-11-26T05:00:00Z", ScheduleState.Closed, "Short day")]
    [InlineData("2027-01-01T03:00:00Z", ScheduleState.Holiday, "New Year")]
    [InlineData("2028-01-01T03:00:00Z", ScheduleState.Holiday, "New Year")]
    [InlineData("2027-02-08T03:00:00Z", ScheduleState.Holiday, "Spring Festival")]
    [InlineData("2028-02-08T03:00:00Z", ScheduleState.Open, null)]         // the range is not recurring
    [InlineData("2026-12-31T03:00:00Z", ScheduleState.Holiday, "Year end")] // recurring range across the new year
    [InlineData("2027-01-02T03:00:00Z", ScheduleState.Holiday, "Year end")]
    [InlineData("2026-12-31T23:30:00Z", ScheduleState.Holiday, "New Year")] // already Jan 1 in Shanghai
    public void Schedule_evaluates_in_its_time_zone(string instant, ScheduleState state, string? name)
    {
        var status = Support(Shanghai).Evaluate(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(state, status.State);
        Assert.Equal(name, status.Name);
    }

    [Fact]
    public void Same_hours_in_another_zone_follow_daylight_saving()
    {
        var berlin = Support(Berlin);
        // Summer (UTC+2): 09:00 local is 07:00 UTC; winter (UTC+1): 08:00 UTC.
        Assert.Equal(ScheduleState.Open, berlin.Evaluate(new DateTimeOffset(2026, 7, 6, 7, 0, 0, TimeSpan.Zero)).State);
        Assert.Equal(ScheduleState.Closed, berlin.Evaluate(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero)).State);
        Assert.Equal(ScheduleState.Open, berlin.Evaluate(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)).State);
    }

    [Fact]
    public async Task Schedule_step_branches_per_tenant_on_the_engine_clock()
    {
        var catalog = new ScheduleCatalog().Add("tenant-a", Support(Shanghai)).Add("tenant-b", Support(Berlin));
        var flow = new FlowBuilder("s")
            .Add(new ScheduleStep("hours", "support") { OnOpen = "open", OnClosed = "closed", OnHoliday = "holiday" })
            .HangUp("open", "open")
            .HangUp("closed", "closed")
            .HangUp("holiday", "holiday {schedule.name}")
            .Build();
        async Task<string> RunAt(DateTimeOffset at)
        {
            var rig = new IvrRig(start: at, configure: s => s with { Schedules = catalog });
            return (await rig.RunAsync(flow)).Reason;
        }

        Assert.Equal("open", await RunAt(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
        Assert.Equal("closed", await RunAt(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("holiday New Year", await RunAt(new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero)));

        var missing = new IvrRig(configure: s => s with { Schedules = new ScheduleCatalog().Add("tenant-b", Support(Berlin)) });
        var failed = await missing.RunAsync(flow);
        Assert.Equal(FlowOutcome.Failed, failed.Outcome);
        Assert.Contains("tenant 'tenant-a' has no schedule 'support'", failed.Reason, StringComparison.Ordinal);
    }
}
