using System.CommandLine;
using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Simulation;
using CallCenterSdk.Acd.Staffing;

namespace CallCenterSdk.AcdLab;

/// <summary><c>simulate</c>: the discrete-event simulator on the same traffic, printing the simulated figures.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var args = new TrafficArguments();
        var hours = new Option<double>("--hours") { Description = "Simulated hours", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var strategy = new Option<RoutingStrategyKind>("--strategy") { Description = "Routing strategy", DefaultValueFactory = _ => RoutingStrategyKind.LongestIdle };
        var command = new Command("simulate", "Discrete-event simulation of one queue (M/M/N or M/M/N+M)");
        args.AddTo(command);
        command.Options.Add(hours);
        command.Options.Add(seed);
        command.Options.Add(strategy);
        command.SetAction(parse =>
        {
            var load = new TrafficLoad(parse.GetValue(args.Calls), parse.GetValue(args.IntervalSeconds), parse.GetValue(args.AhtSeconds));
            load.Validate();
            double target = parse.GetValue(args.TargetSeconds);
            int agents = ErlangCommand.ResolveAgents(parse, args, load, target, out _);
            double h = parse.GetValue(hours);
            if (!(h > 0))
            {
                throw new ArgumentException("--hours must be positive.");
            }

            var duration = TimeSpan.FromHours(h);
            var options = new SimulationOptions
            {
                Arrivals = ArrivalProfile.Flat(load.Calls, TimeSpan.FromSeconds(load.IntervalSeconds)),
                Duration = duration,
                WarmUp = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, duration.Ticks / 10)),
                StatisticsInterval = TimeSpan.FromMinutes(1),
                HandleTime = Distribution.Exponential(load.AverageHandleTimeSeconds),
                Patience = parse.GetValue(args.PatienceSeconds) is { } p ? Distribution.Exponential(p) : null,
                Agents = agents,
                Strategy = parse.GetValue(strategy),
                ServiceLevelThreshold = TimeSpan.FromSeconds(target),
                Seed = parse.GetValue(seed),
            };
            var result = new CallCenterSimulator(options).Run();
            Output.Line("agents", agents);
            Output.Line("service_level", result.ServiceLevel);
            Output.Line("asa_s", result.AsaSeconds);
            Output.Line("p_wait", result.ProbabilityOfWait);
            Output.Line("occupancy", result.Occupancy);
            Output.Line("p_abandon", result.AbandonProbability);
            Output.Line("offered", result.Totals.Offered);
            Output.Line("answered", result.Totals.Answered);
            Output.Line("abandoned", result.Totals.Abandoned);
            Output.Line("aht_s", result.Totals.AverageHandleTime?.TotalSeconds ?? 0);
            Output.Line("max_wait_s", result.Totals.MaxWait.TotalSeconds);
            Output.Line("ewt_mean_error_s", result.WaitEstimateMeanErrorSeconds);
            Output.Line("ewt_mean_abs_error_s", result.WaitEstimateMeanAbsoluteErrorSeconds);
            return 0;
        });
        return command;
    }
}
