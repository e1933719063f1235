namespace CallCenterSdk.Acd.Statistics;

/// <summary>
/// Which service-level formula is reported. A_T = answered within the threshold T, Ans = answered,
/// Ab = abandoned, Ab_T = abandoned within T, Ab_s = short abandons (below the short-abandon threshold).
/// </summary>
public enum ServiceLevelVariant
{
    /// <summary>A_T / (Ans + Ab): abandons count against the service level (default; Erlang A's definition).</summary>
    AnsweredWithinOverAnsweredAndAbandoned = 0,

    /// <summary>A_T / Ans: abandons are ignored.</summary>
    AnsweredWithinOverAnswered = 1,

    /// <summary>A_T / (Ans + Ab - Ab_s): short abandons are excluded, longer ones count against.</summary>
    AnsweredWithinOverAnsweredAndLongAbandons = 2,

    /// <summary>(A_T + Ab_T) / (Ans + Ab): abandons within T count as met.</summary>
    AnsweredOrAbandonedWithinOverAnsweredAndAbandoned = 3,
}
