namespace CallCenterSdk.Crm.Reports;

/// <summary>What a report row is per.</summary>
public enum ReportDimension
{
    /// <summary>One row per bucket for the whole tenant.</summary>
    Tenant,

    /// <summary>One row per bucket and queue.</summary>
    Queue,

    /// <summary>One row per bucket and agent.</summary>
    Agent,
}
