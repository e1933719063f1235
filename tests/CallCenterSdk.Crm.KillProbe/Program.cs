// Appends CDRs to a SQLite CRM store from several concurrent writers and prints "ack <leg>" to stdout
// the moment each append is acknowledged. The durability test kills this process with SIGKILL and
// then checks that every leg printed here is in the database.
//
// usage: CallCenterSdk.Crm.KillProbe <db-path> <tenant> <writers> <ProcessCrash|PowerLoss>
using System.Globalization;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Sqlite;
using CallCenterSdk.Crm.Tenancy;

if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: CallCenterSdk.Crm.KillProbe <db-path> <tenant> <writers> <ProcessCrash|PowerLoss>");
    return 2;
}

var durability = Enum.Parse<SqliteDurability>(args[3]);
await using var store = SqliteCrmStore.Open(new SqliteCrmOptions { Path = args[0], Durability = durability });
var tenant = new TenantId(args[1]);
var writers = int.Parse(args[2], CultureInfo.InvariantCulture);
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var gate = new object();
var start = DateTimeOffset.UnixEpoch.AddYears(56);

lock (gate)
{
    stdout.WriteLine("ready");
}

await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (var i = 0; ; i++)
    {
        var leg = string.Create(CultureInfo.InvariantCulture, $"w{w}-{i}");
        var at = start.AddSeconds(i);
        await store.Cdrs.AppendAsync(tenant, new CallDetailRecord(0, "call-" + leg, leg, null, CallDirection.Inbound, "+49301234567", null, "+498001234",
            at, at.AddSeconds(2), at.AddSeconds(60), CallDisposition.Answered, 200, 16, "sales", "agent", QueueWaitMilliseconds: 2000)).ConfigureAwait(false);
        lock (gate)
        {
            stdout.WriteLine("ack " + leg);
        }
    }
})));
return 0;
