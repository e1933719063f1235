// CRM console benchmarks; every figure is printed as "name: value".
//   insert   --store sqlite|postgres [--rows 1000000] [--batch 10000] [--writers 1]   bulk CDR insert (AppendManyAsync)
//   append   --store sqlite|postgres [--rows 100000] [--writers 64]     concurrent single appends (AppendAsync)
//   report   --store sqlite|postgres [--rows 10000000] [--days 30] [--reps 5]   day reports and first CDR query pages over the table
//   --schema N (postgres): open at schema version N instead of the latest, to measure before a migration
//   --upgrade 1 (report, postgres): then migrate the loaded table to the latest version, time it, and measure again
//   screenpop [--customers 1000000] [--lookups 100000]                  SQLite screen pop latency
using System.Globalization;
using CallCenterSdk.CrmLab;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

long Long(string name, long fallback) => options.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
var store = options.GetValueOrDefault("store", "sqlite");
var lab = new Lab(store, options.TryGetValue("schema", out var schema) ? int.Parse(schema, CultureInfo.InvariantCulture) : null);
try
{
    switch (args.FirstOrDefault())
    {
        case "insert":
            await lab.InsertAsync(Long("rows", 1_000_000), (int)Long("batch", 10_000), (int)Long("writers", 1));
            break;
        case "append":
            await lab.AppendAsync(Long("rows", 100_000), (int)Long("writers", 64));
            break;
        case "report":
            await lab.ReportAsync(Long("rows", 10_000_000), (int)Long("days", 30), (int)Long("reps", 5), Long("upgrade", 0) != 0);
            break;
        case "screenpop":
            await lab.ScreenPopAsync((int)Long("customers", 1_000_000), (int)Long("lookups", 100_000));
            break;
        default:
            Console.Error.WriteLine("usage: CallCenterSdk.CrmLab insert|append|report|screenpop --store sqlite|postgres [--rows N] ...");
            return 2;
    }
}
finally
{
    await lab.DisposeAsync();
}

return 0;
