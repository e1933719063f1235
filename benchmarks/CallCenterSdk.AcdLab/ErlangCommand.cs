using System.CommandLine;
using CallCenterSdk.Acd.Staffing;

namespace CallCenterSdk.AcdLab;

/// <summary><c>erlang</c>: Erlang C (or Erlang A with --patience-s) figures for a staffing level or a target.</summary>
internal static class ErlangCommand
{
    public static Command Create()
    {
        var args = new TrafficArguments();
        var command = new Command("erlang", "Erlang C / Erlang A staffing figures");
        args.AddTo(command);
        command.SetAction(parse => Run(parse, args));
        return command;
    }

    public static int Run(ParseResult parse, TrafficArguments args)
    {
        var load = new TrafficLoad(parse.GetValue(args.Calls), parse.GetValue(args.IntervalSeconds), parse.GetValue(args.AhtSeconds));
        load.Validate();
        double target = parse.GetValue(args.TargetSeconds);
        var agents = ResolveAgents(parse, args, load, target, out int scheduled);
        // Compute before printing anything: bad input gives an error and no partial output.
        var c = ErlangC.Compute(agents, load, target);
        var a = parse.GetValue(args.PatienceSeconds) is { } patience ? ErlangA.Compute(agents, load, patience, target) : (ErlangAResult?)null;
        Output.Line("traffic_erlangs", load.Erlangs);
        Output.Line("agents", agents);
        Output.Line("agents_after_shrinkage", scheduled);
        if (a is { } ea)
        {
            Output.Line("service_level", ea.ServiceLevel);
            Output.Line("asa_s", ea.AverageSpeedOfAnswerSeconds);
            Output.Line("p_wait", ea.ProbabilityOfWait);
            Output.Line("occupancy", ea.Occupancy);
            Output.Line("p_abandon", ea.ProbabilityOfAbandon);
            Output.Line("avg_wait_s", ea.AverageWaitSeconds);
        }
        else
        {
            Output.Line("service_level", c.ServiceLevel);
            Output.Line("asa_s", c.AverageSpeedOfAnswerSeconds);
            Output.Line("p_wait", c.ProbabilityOfWait);
            Output.Line("occupancy", c.Occupancy);
        }

        return 0;
    }

    /// <summary>--agents when given, else the smallest N meeting --sl (Erlang A when --patience-s is given).</summary>
    public static int ResolveAgents(ParseResult parse, TrafficArguments args, TrafficLoad load, double target, out int scheduled)
    {
        double shrinkage = parse.GetValue(args.Shrinkage);
        if (parse.GetValue(args.Agents) is { } fixedAgents)
        {
            scheduled = Shrinkage.ScheduledAgents(fixedAgents, shrinkage);
            return fixedAgents;
        }

        double sl = parse.GetValue(args.ServiceLevel) ?? throw new ArgumentException("Give --agents K or --sl TARGET (e.g. --sl 0.8).");
        var staffing = ErlangC.AgentsNeeded(load, new StaffingTarget(sl, target, parse.GetValue(args.MaxOccupancy), shrinkage));
        int n = staffing.RawAgents;
        if (parse.GetValue(args.PatienceSeconds) is { } patience)
        {
            // Abandonment only helps: walk down while Erlang A still meets the target.
            while (n > 1 && ErlangA.Compute(n - 1, load, patience, target) is { } a && a.ServiceLevel >= sl && a.Occupancy <= parse.GetValue(args.MaxOccupancy))
            {
                n--;
            }
        }

        scheduled = Shrinkage.ScheduledAgents(n, shrinkage);
        return n;
    }
}
