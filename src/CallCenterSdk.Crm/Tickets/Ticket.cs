namespace CallCenterSdk.Crm.Tickets;

/// <summary>A ticket as stored.</summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="Kind">Complaint, repair order or inquiry.</param>
/// <param name="Priority">Priority.</param>
/// <param name="Status">Current status.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Description">Details.</param>
/// <param name="CustomerId">The customer, if any.</param>
/// <param name="CallId">The originating call, if any.</param>
/// <param name="Assignee">Who works on it, if anyone.</param>
/// <param name="EscalationLevel">0 when not escalated, else the level reached.</param>
/// <param name="NextEscalationAt">Deadline of the next level, or null when none is pending.</param>
/// <param name="CreatedAt">When created.</param>
/// <param name="UpdatedAt">When last changed.</param>
public sealed record Ticket(
    long Id,
    TicketKind Kind,
    TicketPriority Priority,
    TicketStatus Status,
    string Subject,
    string Description,
    long? CustomerId,
    string? CallId,
    string? Assignee,
    int EscalationLevel,
    DateTimeOffset? NextEscalationAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
