namespace CallCenterSdk.Crm.Tickets;

/// <summary>What happened to a ticket in one history entry.</summary>
public enum TicketEventKind
{
    /// <summary>Created.</summary>
    Created,

    /// <summary>Status changed (From and To are statuses).</summary>
    StatusChanged,

    /// <summary>Assigned or reassigned (From and To are assignees).</summary>
    Assigned,

    /// <summary>Reached an escalation level (From and To are levels).</summary>
    Escalated,

    /// <summary>A comment was added.</summary>
    Commented,
}
