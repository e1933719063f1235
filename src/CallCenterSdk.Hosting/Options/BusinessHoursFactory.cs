using System.Globalization;
using CallCenterSdk.Ivr.Schedules;

namespace CallCenterSdk.Hosting.Options;

/// <summary>Turns <see cref="BusinessHoursOptions"/> into the IVR's <see cref="BusinessSchedule"/>.</summary>
public static class BusinessHoursFactory
{
    /// <summary>Builds the schedule; bad day names, ranges, dates or time zones throw <see cref="FormatException"/> naming them.</summary>
    public static BusinessSchedule Create(BusinessHoursOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new FormatException($"time zone '{options.TimeZone}' is unknown (use an IANA id such as Europe/Berlin).");
        }

        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>();
        foreach (var (dayName, ranges) in options.Weekly)
        {
            if (!Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day) || int.TryParse(dayName, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"'{dayName}' is not a day of the week (Monday ... Sunday).");
            }

            weekly[day] = ranges.Select(ParseRange).ToList();
        }

        var holidays = new List<Holiday>();
        foreach (var (date, name) in options.Holidays)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                throw new FormatException($"holiday date '{date}' is not yyyy-MM-dd.");
            }

            holidays.Add(Holiday.On(name, d));
        }

        return new BusinessSchedule(options.Id, zone, weekly, [new HolidayCalendar(options.Id + "-holidays", holidays)]);
    }

    private static OpeningHours ParseRange(string range)
    {
        var parts = range.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close))
        {
            throw new FormatException($"opening hours '{range}' are not HH:mm-HH:mm.");
        }

        return new OpeningHours(open, close);
    }
}
