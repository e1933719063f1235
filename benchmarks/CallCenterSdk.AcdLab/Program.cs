using System.CommandLine;
using CallCenterSdk.Acd;
using CallCenterSdk.AcdLab;

var root = new RootCommand("AcdLab: Erlang C/A staffing, the ACD simulator and a live demonstration center");
root.Subcommands.Add(ErlangCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(CenterCommand.Create());
try
{
    return root.Parse(args.Length == 0 ? ["center"] : args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or AcdException)
{
    Console.Error.WriteLine("acdlab: " + e.Message);
    return 2;
}
