namespace CallCenterSdk.Crm.Tickets;

/// <summary>What creating a ticket takes.</summary>
/// <param name="Kind">Complaint, repair order or inquiry.</param>
/// <param name="Priority">Priority (selects escalation deadlines).</param>
/// <param name="Subject">Short subject (required, at most 300 characters).</param>
/// <param name="Description">Details.</param>
/// <param name="CustomerId">The customer it concerns, if known.</param>
/// <param name="CallId">The call it came from, if any.</param>
public sealed record TicketDraft(TicketKind Kind, TicketPriority Priority, string Subject, string Description = "", long? CustomerId = null, string? CallId = null);
