namespace CallCenterSdk.Acd.Staffing;

/// <summary>What "enough agents" means for <see cref="ErlangC.AgentsNeeded"/>.</summary>
/// <param name="ServiceLevel">Required fraction answered within <paramref name="TargetAnswerSeconds"/>, e.g. 0.8.</param>
/// <param name="TargetAnswerSeconds">The service-level threshold T, e.g. 20.</param>
/// <param name="MaxOccupancy">Highest acceptable occupancy A / N (1 = no limit), e.g. 0.85.</param>
/// <param name="Shrinkage">Fraction of paid time not on the phones (breaks, training, absence), 0 &lt;= s &lt; 1.</param>
public readonly record struct StaffingTarget(
    double ServiceLevel,
    double TargetAnswerSeconds,
    double MaxOccupancy = 1.0,
    double Shrinkage = 0.0);
