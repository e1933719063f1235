namespace CallCenterSdk.Ivr.Schedules;

/// <summary>
/// A span of local time when a schedule is open. When <see cref="Close"/> is not after <see cref="Open"/>
/// the span crosses midnight (22:00-06:00); equal times mean the whole day.
/// </summary>
/// <param name="Open">Opening time (inclusive).</param>
/// <param name="Close">Closing time (exclusive).</param>
public readonly record struct OpeningHours(TimeOnly Open, TimeOnly Close)
{
    /// <summary>Open all day.</summary>
    public static OpeningHours AllDay { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue);

    /// <summary>True when the span runs past midnight into the next day.</summary>
    public bool CrossesMidnight => Close <= Open;

    /// <summary>True when <paramref name="time"/> on the opening day is inside the span.</summary>
    internal bool ContainsSameDay(TimeOnly time) => CrossesMidnight ? time >= Open : time >= Open && time < Close;

    /// <summary>True when <paramref name="time"/> on the day after the opening day is inside the span.</summary>
    internal bool ContainsNextDay(TimeOnly time) => CrossesMidnight && Open != Close && time < Close;
}
