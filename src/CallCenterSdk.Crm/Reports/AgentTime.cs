namespace CallCenterSdk.Crm.Reports;

/// <summary>Agent seconds per state within one bucket (input to occupancy and utilization).</summary>
/// <param name="AvailableSeconds">Idle and ready.</param>
/// <param name="OnCallSeconds">On calls.</param>
/// <param name="WrapUpSeconds">In after-call work.</param>
/// <param name="OtherSeconds">Break and not ready.</param>
public readonly record struct AgentTime(double AvailableSeconds, double OnCallSeconds, double WrapUpSeconds, double OtherSeconds)
{
    /// <summary>Adds two totals.</summary>
    /// <param name="a">First.</param>
    /// <param name="b">Second.</param>
    /// <returns>The sum.</returns>
    public static AgentTime operator +(AgentTime a, AgentTime b) =>
        new(a.AvailableSeconds + b.AvailableSeconds, a.OnCallSeconds + b.OnCallSeconds, a.WrapUpSeconds + b.WrapUpSeconds, a.OtherSeconds + b.OtherSeconds);

    /// <summary>Adds two totals.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>The sum.</returns>
    public static AgentTime Add(AgentTime left, AgentTime right) => left + right;
}
