namespace ReferenceCenter;

/// <summary>The command line of the reference center; anything else is passed to the host's configuration.</summary>
internal sealed record CommandLine(string? Sip, string? Http, string? Data, bool Demo, bool Help, IReadOnlyList<string> Rest)
{
    public const string Usage = """
        ReferenceCenter: a two-tenant call center on CallCenterSdk.

          --sip HOST:PORT    SIP UDP+TCP endpoint             [127.0.0.1:5060]
          --http URL         web pages and REST API            [http://127.0.0.1:8080]
          --data DIR         folder of the SQLite database     [data/ beside the program]
          --demo             simulated callers and agent phones (real SIP and RTP) make the center live
          --help             this text

        Any other --Section:Key value overrides appsettings.json (for example --CallCenter:Sip:Tcp false).
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? sip = null, http = null, data = null;
        bool demo = false, help = false;
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--sip":
                    sip = Value(args, ref i);
                    break;
                case "--http":
                    http = Value(args, ref i);
                    break;
                case "--data":
                    data = Value(args, ref i);
                    break;
                case "--demo":
                    demo = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new CommandLine(sip, http, data, demo, help, rest);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
        }

        return args[++i];
    }
}
