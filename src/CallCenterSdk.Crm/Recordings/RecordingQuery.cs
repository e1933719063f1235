namespace CallCenterSdk.Crm.Recordings;

/// <summary>Filter for recording searches; results are ordered by start time then id.</summary>
/// <param name="From">Start (inclusive).</param>
/// <param name="To">End (exclusive).</param>
/// <param name="Agent">Only this agent's recordings.</param>
/// <param name="CallId">Only this call's recordings.</param>
/// <param name="Queue">Only this queue's recordings.</param>
public sealed record RecordingQuery(DateTimeOffset From, DateTimeOffset To, string? Agent = null, string? CallId = null, string? Queue = null);
