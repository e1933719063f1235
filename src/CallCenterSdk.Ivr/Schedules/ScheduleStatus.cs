namespace CallCenterSdk.Ivr.Schedules;

/// <summary>Open, closed, or closed for a holiday.</summary>
public enum ScheduleState
{
    /// <summary>Within business hours.</summary>
    Open,
    /// <summary>Outside business hours.</summary>
    Closed,
    /// <summary>A holiday or a special day without hours.</summary>
    Holiday,
}

/// <summary>A schedule's state at an instant.</summary>
/// <param name="State">Open, closed or holiday.</param>
/// <param name="Name">The holiday's or special day's name, if one applies.</param>
/// <param name="LocalTime">The instant in the schedule's time zone.</param>
public sealed record ScheduleStatus(ScheduleState State, string? Name, DateTimeOffset LocalTime);
