namespace CallCenterSdk.Crm.Masking;

/// <summary>Who is reading: decides whether customer numbers are shown in full.</summary>
public enum CrmRole
{
    /// <summary>A contact-center agent.</summary>
    Agent,

    /// <summary>Field staff (technicians on repair orders).</summary>
    FieldStaff,

    /// <summary>A supervisor or team lead.</summary>
    Supervisor,

    /// <summary>A quality or compliance auditor.</summary>
    Auditor,

    /// <summary>A tenant administrator.</summary>
    Administrator,

    /// <summary>The system itself (integrations, exports with full rights).</summary>
    System,
}
