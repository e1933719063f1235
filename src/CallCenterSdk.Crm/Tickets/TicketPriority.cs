namespace CallCenterSdk.Crm.Tickets;

/// <summary>Ticket priority; it selects the escalation deadlines.</summary>
public enum TicketPriority
{
    /// <summary>Low.</summary>
    Low,

    /// <summary>Normal.</summary>
    Normal,

    /// <summary>High.</summary>
    High,

    /// <summary>Urgent.</summary>
    Urgent,
}
