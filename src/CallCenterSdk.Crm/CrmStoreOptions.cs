using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Phones;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Tickets;

namespace CallCenterSdk.Crm;

/// <summary>Options every store implementation shares.</summary>
public class CrmStoreOptions
{
    /// <summary>Clock for timestamps, retention and escalation (default: system).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Which roles see masked numbers (default: agents and field staff).</summary>
    public NumberMaskingPolicy Masking { get; set; } = NumberMaskingPolicy.Default;

    /// <summary>Who may listen to or export recordings.</summary>
    public RecordingAccessPolicy RecordingAccess { get; set; } = RecordingAccessPolicy.Default;

    /// <summary>Ticket escalation deadlines.</summary>
    public TicketEscalationPolicy Escalation { get; set; } = TicketEscalationPolicy.Default;

    /// <summary>Dial plan for tenants that have not set their own (default: Germany).</summary>
    public DialPlan DefaultDialPlan { get; set; } = DialPlan.Germany;
}
