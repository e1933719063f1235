namespace CallCenterSdk.Crm.Reports;

/// <summary>
/// The service-level variant, named because vendors differ; the names and formulas are the ACD's
/// (docs/acd.md). A_T = answered with queue wait ≤ T, Ab_T = abandoned with wait ≤ T,
/// Ab_s = short abandons (wait &lt; S), Ans = answered, Ab = abandoned.
/// </summary>
public enum ServiceLevelFormula
{
    /// <summary>A_T / (Ans + Ab): every abandon counts against the service level (the default).</summary>
    AnsweredWithinOverAnsweredAndAbandoned,

    /// <summary>A_T / Ans: abandons are ignored.</summary>
    AnsweredWithinOverAnswered,

    /// <summary>A_T / (Ans + Ab − Ab_s): short abandons neither help nor hurt.</summary>
    AnsweredWithinOverAnsweredAndLongAbandons,

    /// <summary>(A_T + Ab_T) / (Ans + Ab): calls abandoned within T count as met.</summary>
    AnsweredOrAbandonedWithinOverAnsweredAndAbandoned,
}
