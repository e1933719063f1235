namespace CallCenterSdk.Ivr.Schedules;

/// <summary>A date with its own hours (a shortened Christmas Eve) or none (closed for a move).</summary>
/// <param name="Name">Shown in traces and readable as <c>schedule.name</c>.</param>
/// <param name="Date">The date.</param>
/// <param name="Hours">Hours that replace the weekly ones; empty means closed all day (reported as a holiday).</param>
public sealed record SpecialDay(string Name, DateOnly Date, IReadOnlyList<OpeningHours> Hours);
