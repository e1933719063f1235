namespace CallCenterSdk.Crm.Reports;

/// <summary>Size of a report bucket.</summary>
public enum ReportGranularity
{
    /// <summary>15-minute intervals.</summary>
    Interval15,

    /// <summary>30-minute intervals.</summary>
    Interval30,

    /// <summary>60-minute intervals.</summary>
    Interval60,

    /// <summary>Calendar days.</summary>
    Day,

    /// <summary>ISO weeks starting on Monday.</summary>
    Week,

    /// <summary>Calendar months.</summary>
    Month,
}
