namespace CallCenterSdk.Crm.Tickets;

/// <summary>Filter for ticket lists; results are ordered by id.</summary>
/// <param name="Status">Only this status.</param>
/// <param name="Assignee">Only this assignee's tickets.</param>
/// <param name="CustomerId">Only this customer's tickets.</param>
/// <param name="MinEscalationLevel">Only tickets at or above this level.</param>
public sealed record TicketQuery(TicketStatus? Status = null, string? Assignee = null, long? CustomerId = null, int MinEscalationLevel = 0);
