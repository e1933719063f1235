namespace CallCenterSdk.Crm.Tickets;

/// <summary>Ticket status; <see cref="TicketWorkflow"/> says which changes are allowed.</summary>
public enum TicketStatus
{
    /// <summary>Just created, nobody assigned.</summary>
    New,

    /// <summary>Assigned to someone who has not started.</summary>
    Assigned,

    /// <summary>Being worked on.</summary>
    InProgress,

    /// <summary>Waiting for the customer's answer (escalation clock paused).</summary>
    WaitingOnCustomer,

    /// <summary>Solved; the customer may still reopen it.</summary>
    Resolved,

    /// <summary>Finished (terminal).</summary>
    Closed,

    /// <summary>Withdrawn before work finished (terminal).</summary>
    Cancelled,
}
