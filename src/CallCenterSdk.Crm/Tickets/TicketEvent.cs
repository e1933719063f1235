namespace CallCenterSdk.Crm.Tickets;

/// <summary>One entry of a ticket's history.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who (user id, or "system" for escalations).</param>
/// <param name="Kind">What happened.</param>
/// <param name="From">Previous value, if any.</param>
/// <param name="To">New value, if any.</param>
/// <param name="Note">Comment or reason.</param>
public sealed record TicketEvent(long TicketId, DateTimeOffset At, string Actor, TicketEventKind Kind, string? From, string? To, string? Note);
