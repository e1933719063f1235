using System.CommandLine;

namespace CallCenterSdk.AcdLab;

/// <summary>The options shared by <c>erlang</c> and <c>simulate</c>.</summary>
internal sealed class TrafficArguments
{
    public Option<double> Calls { get; } = new("--calls") { Description = "Contacts per interval", Required = true };

    public Option<double> IntervalSeconds { get; } = new("--interval-s") { Description = "Interval length in seconds (e.g. 1800)", Required = true };

    public Option<double> AhtSeconds { get; } = new("--aht-s") { Description = "Average handle time in seconds", Required = true };

    public Option<double> TargetSeconds { get; } = new("--target-s") { Description = "Service-level threshold T in seconds", DefaultValueFactory = _ => 20 };

    public Option<int?> Agents { get; } = new("--agents") { Description = "Agents on the phones (else found from --sl)" };

    public Option<double?> ServiceLevel { get; } = new("--sl") { Description = "Target service level, e.g. 0.8 (used when --agents is absent)" };

    public Option<double?> PatienceSeconds { get; } = new("--patience-s") { Description = "Mean exponential patience: Erlang A instead of Erlang C" };

    public Option<double> MaxOccupancy { get; } = new("--max-occupancy") { Description = "Highest acceptable occupancy when solving for agents", DefaultValueFactory = _ => 1.0 };

    public Option<double> Shrinkage { get; } = new("--shrinkage") { Description = "Shrinkage for agents to schedule", DefaultValueFactory = _ => 0.0 };

    public void AddTo(Command command)
    {
        command.Options.Add(Calls);
        command.Options.Add(IntervalSeconds);
        command.Options.Add(AhtSeconds);
        command.Options.Add(TargetSeconds);
        command.Options.Add(Agents);
        command.Options.Add(ServiceLevel);
        command.Options.Add(PatienceSeconds);
        command.Options.Add(MaxOccupancy);
        command.Options.Add(Shrinkage);
    }
}
