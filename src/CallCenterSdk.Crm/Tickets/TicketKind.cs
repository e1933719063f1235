namespace CallCenterSdk.Crm.Tickets;

/// <summary>What a ticket is about.</summary>
public enum TicketKind
{
    /// <summary>A customer complaint.</summary>
    Complaint,

    /// <summary>A repair order for field staff.</summary>
    RepairOrder,

    /// <summary>A question or request.</summary>
    Inquiry,
}
