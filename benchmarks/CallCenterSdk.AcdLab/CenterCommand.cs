using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CallCenterSdk.AcdLab;

/// <summary><c>center</c>: a live, accelerated working day of a two-tenant center with a wallboard per interval.</summary>
internal static class CenterCommand
{
    private static readonly TimeSpan MaxWall = TimeSpan.FromSeconds(55);

    public static Command Create()
    {
        var hours = new Option<double>("--hours") { Description = "Simulated hours (1-12)", DefaultValueFactory = _ => 8 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per wall second (0 = as fast as possible)", DefaultValueFactory = _ => 1200 };
        var interval = new Option<int>("--interval-min") { Description = "Wallboard interval in minutes", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 7 };
        var command = new Command("center", "Live demonstration: two tenants, several queues and strategies, VIP callers, an accelerated working day");
        command.Options.Add(hours);
        command.Options.Add(speed);
        command.Options.Add(interval);
        command.Options.Add(seed);
        command.SetAction(parse => Run(parse.GetValue(hours), parse.GetValue(speed), parse.GetValue(interval), parse.GetValue(seed)));
        return command;
    }

    private static int Run(double hours, double speed, int intervalMinutes, int seed)
    {
        if (!(hours > 0 && hours <= 12))
        {
            throw new ArgumentException("--hours must be in (0, 12].");
        }

        if (intervalMinutes is < 1 or > 240 || speed < 0)
        {
            throw new ArgumentException("--interval-min must be 1-240 and --speed non-negative.");
        }

        // Bounded: never longer than about a minute of wall time.
        double simSeconds = hours * 3600;
        if (speed > 0 && simSeconds / speed > MaxWall.TotalSeconds)
        {
            speed = simSeconds / MaxWall.TotalSeconds;
        }

        if (Console.IsOutputRedirected || AnsiConsole.Profile.Width < 150)
        {
            // Wide enough for the wallboard when piped to a file or a narrow terminal.
            AnsiConsole.Profile.Width = 150;
        }

        var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var center = new DemoCenter(start, seed);
        var length = TimeSpan.FromHours(hours);
        center.Open(length);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]CallCenterSdk ACD demonstration[/]: {center.Queues.Count} queues, {center.Engine.Agents.Count} agents, 2 tenants, {hours:0.#} h at {(speed > 0 ? speed.ToString("0", CultureInfo.InvariantCulture) + "x" : "full speed")}"));
        var wall = Stopwatch.StartNew();
        var step = TimeSpan.FromMinutes(intervalMinutes);
        for (var from = start; from < start + length; from += step)
        {
            var to = from + step < start + length ? from + step : start + length;
            // Advance in one-minute slices so the pacing follows simulated time smoothly.
            for (var t = from; t < to;)
            {
                t = t + TimeSpan.FromMinutes(1) < to ? t + TimeSpan.FromMinutes(1) : to;
                center.RunUntil(t);
                if (speed > 0)
                {
                    var due = TimeSpan.FromSeconds((t - start).TotalSeconds / speed);
                    var ahead = due - wall.Elapsed;
                    if (ahead > TimeSpan.Zero)
                    {
                        Thread.Sleep(ahead);
                    }
                }
            }

            Wallboard.Interval(center, from, to);
        }

        Wallboard.DayReport(center, start + length);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time: {wall.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
}
