namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// The service-level variant, named because vendors differ. W = answered with queue wait ≤ threshold.
/// </summary>
public enum ServiceLevelFormula
{
    /// <summary>W / (offered − short abandons): short abandons neither help nor hurt (the default).</summary>
    AnsweredWithinOverOfferedExcludingShortAbandons,

    /// <summary>W / offered: every abandon counts against the service level.</summary>
    AnsweredWithinOverOffered,

    /// <summary>W / answered: abandons are ignored.</summary>
    AnsweredWithinOverAnswered,
}
