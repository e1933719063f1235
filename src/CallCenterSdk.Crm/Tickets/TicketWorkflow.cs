namespace CallCenterSdk.Crm.Tickets;

/// <summary>
/// The ticket status machine, as a table: New → Assigned → InProgress ⇄ WaitingOnCustomer → Resolved →
/// Closed, with Resolved → InProgress to reopen and Cancelled from any state before Resolved.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Allowed = new()
    {
        [TicketStatus.New] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Cancelled],
        [TicketStatus.Assigned] = [TicketStatus.InProgress, TicketStatus.Cancelled],
        [TicketStatus.InProgress] = [TicketStatus.WaitingOnCustomer, TicketStatus.Resolved, TicketStatus.Cancelled],
        [TicketStatus.WaitingOnCustomer] = [TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Cancelled],
        [TicketStatus.Resolved] = [TicketStatus.Closed, TicketStatus.InProgress],
        [TicketStatus.Closed] = [],
        [TicketStatus.Cancelled] = [],
    };

    /// <summary>Whether a ticket may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">Current status.</param>
    /// <param name="to">Requested status.</param>
    /// <returns>True when the workflow allows it.</returns>
    public static bool CanMove(TicketStatus from, TicketStatus to) =>
        Allowed.TryGetValue(from, out var next) && Array.IndexOf(next, to) >= 0;

    /// <summary>Whether the status ends the ticket's life (no further changes).</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for Closed and Cancelled.</returns>
    public static bool IsTerminal(TicketStatus status) => status is TicketStatus.Closed or TicketStatus.Cancelled;

    /// <summary>Whether escalation deadlines run in this status (not while waiting on the customer or once resolved).</summary>
    /// <param name="status">The status.</param>
    /// <returns>True when the ticket can escalate.</returns>
    public static bool Escalates(TicketStatus status) => status is TicketStatus.New or TicketStatus.Assigned or TicketStatus.InProgress;

    /// <summary>Throws <see cref="TicketWorkflowException"/> when the move is not allowed.</summary>
    /// <param name="ticketId">The ticket (for the message).</param>
    /// <param name="from">Current status.</param>
    /// <param name="to">Requested status.</param>
    public static void EnsureCanMove(long ticketId, TicketStatus from, TicketStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new TicketWorkflowException($"ticket {ticketId} cannot go from {from} to {to}");
        }
    }
}
