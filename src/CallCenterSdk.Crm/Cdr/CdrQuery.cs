namespace CallCenterSdk.Crm.Cdr;

/// <summary>Filter for CDR queries; results are ordered by start time, then id.</summary>
/// <param name="From">Start of the range (inclusive) on <see cref="CallDetailRecord.StartedAt"/>.</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="Number">Matches caller or called number (normalised to E.164 when possible).</param>
/// <param name="Agent">Only this agent's legs.</param>
/// <param name="Queue">Only this queue's legs.</param>
/// <param name="Disposition">Only this disposition.</param>
/// <param name="CallId">Only legs of this SIP Call-ID.</param>
public sealed record CdrQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Number = null,
    string? Agent = null,
    string? Queue = null,
    CallDisposition? Disposition = null,
    string? CallId = null);
