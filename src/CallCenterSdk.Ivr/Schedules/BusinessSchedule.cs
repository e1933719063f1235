namespace CallCenterSdk.Ivr.Schedules;

/// <summary>
/// Business hours of one tenant's service: weekly hours in a time zone, holiday calendars and special days.
/// Evaluation is pure: the instant comes from the caller (the engine passes its <see cref="TimeProvider"/>'s now).
/// Precedence: a special day replaces everything for its date; then holidays; then weekly hours (a span
/// crossing midnight counts on the next morning too).
/// </summary>
public sealed class BusinessSchedule
{
    private readonly Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>> _weekly;
    private readonly Dictionary<DateOnly, SpecialDay> _special;

    /// <summary>Creates a schedule.</summary>
    public BusinessSchedule(
        string id,
        TimeZoneInfo timeZone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningHours>> weekly,
        IEnumerable<HolidayCalendar>? calendars = null,
        IEnumerable<SpecialDay>? specialDays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(weekly);
        Id = id;
        TimeZone = timeZone;
        _weekly = weekly.ToDictionary(p => p.Key, p => p.Value);
        Calendars = calendars?.ToList() ?? [];
        _special = new Dictionary<DateOnly, SpecialDay>();
        foreach (var day in specialDays ?? [])
        {
            if (!_special.TryAdd(day.Date, day))
            {
                throw new ArgumentException($"Special day {day.Date:yyyy-MM-dd} is defined twice.", nameof(specialDays));
            }
        }
    }

    /// <summary>The schedule's id.</summary>
    public string Id { get; }

    /// <summary>The time zone the hours are written in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Holiday calendars that close this schedule.</summary>
    public IReadOnlyList<HolidayCalendar> Calendars { get; }

    /// <summary>Open/closed/holiday at <paramref name="instant"/>.</summary>
    public ScheduleStatus Evaluate(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);

        if (_special.TryGetValue(date, out var special))
        {
            if (special.Hours.Count == 0)
            {
                return new ScheduleStatus(ScheduleState.Holiday, special.Name, local);
            }

            bool openSpecial = special.Hours.Any(h => h.ContainsSameDay(time));
            return new ScheduleStatus(openSpecial ? ScheduleState.Open : ScheduleState.Closed, special.Name, local);
        }

        foreach (var calendar in Calendars)
        {
            if (calendar.Find(date) is { } holiday)
            {
                return new ScheduleStatus(ScheduleState.Holiday, holiday.Name, local);
            }
        }

        bool open = HoursOf(date.DayOfWeek).Any(h => h.ContainsSameDay(time))
            || (!_special.ContainsKey(date.AddDays(-1)) && HoursOf(date.AddDays(-1).DayOfWeek).Any(h => h.ContainsNextDay(time)));
        return new ScheduleStatus(open ? ScheduleState.Open : ScheduleState.Closed, null, local);
    }

    private IReadOnlyList<OpeningHours> HoursOf(DayOfWeek day) => _weekly.TryGetValue(day, out var hours) ? hours : [];
}
