using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenterSdk.Ivr.Data;
using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Steps;

public sealed class DataLookupTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _prefix;
    private readonly Task _server;
    private readonly List<string> _requests = [];

    public DataLookupTests()
    {
        // A real HTTP server on loopback answers like a CRM would.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _prefix = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_prefix);
        _listener.Start();
        _server = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            string path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            lock (_requests)
            {
                _requests.Add(context.Request.HttpMethod + " " + context.Request.RawUrl);
            }

            (int status, string body) = path switch
            {
                "/customers/+8613800000000" => (200, """{"name":"Li Wei","tier":"gold","balance":120.5,"address":{"city":"Beijing"},"orders":[{"id":"A1"}],"note":null}"""),
                "/customers/missing" => (404, "{}"),
                "/broken" => (200, "{not json"),
                "/array" => (200, "[1,2]"),
                _ => (500, "boom"),
            };
            context.Response.StatusCode = status;
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    // Close alone: on Unix, Stop already takes the listener off its port and a Close after it looks the port up again,
    // binding it anew, which fails with "Address already in use" when something else has taken the port meanwhile.
    public void Dispose() => _listener.Close();

    private HttpIvrDataSource Source() => new(new HttpClient { BaseAddress = new Uri(_prefix) });

    [Fact]
    public async Task Http_source_flattens_the_json_answer_into_dotted_names()
    {
        var results = await Source().LookupAsync("customers/+8613800000000", new Dictionary<string, string> { ["fields"] = "all & more" }, CancellationToken.None);
        Assert.Equal("Li Wei", results["name"]);
        Assert.Equal("120.5", results["balance"]);
        Assert.Equal("Beijing", results["address.city"]);
        Assert.Equal("A1", results["orders.0.id"]);
        Assert.Null(results["note"]);
        Assert.Contains("GET /customers/%2B8613800000000?fields=all%20%26%20more", _requests);
    }

    [Theory]
    [InlineData("customers/missing", "answered 404")]
    [InlineData("broken", "malformed JSON")]
    [InlineData("array", "not an object")]
    [InlineData("other", "answered 500")]
    [InlineData("customers/../admin", "'..' segment, which is not allowed")]
    public async Task Http_source_failures_are_data_lookup_exceptions(string operation, string message)
    {
        var e = await Assert.ThrowsAsync<DataLookupException>(async () => await Source().LookupAsync(operation, new Dictionary<string, string>(), CancellationToken.None));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_step_stores_results_and_branches_on_failure()
    {
        var flow = new FlowBuilder("l")
            .Add(new DataLookupStep("crm", "crm", TextTemplate.Parse("customers/{caller.number}")) { ResultPrefix = "customer", Next = "hello", OnFailure = "sorry" })
            .HangUp("hello", "hello {customer.name} from {customer.address.city}")
            .HangUp("sorry", "failed: {customer.error}")
            .Build();
        var known = new IvrRig(configure: s => s with { DataSources = new Dictionary<string, IIvrDataSource> { ["crm"] = Source() } });
        var result = await RunOnPoolAsync(known, flow);
        Assert.Equal("hello Li Wei from Beijing", result.Reason);

        var unknown = new IvrRig("missing", configure: s => s with { DataSources = new Dictionary<string, IIvrDataSource> { ["crm"] = Source() } });
        var failed = await RunOnPoolAsync(unknown, flow);
        Assert.StartsWith("failed: GET", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("404", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_step_timeout_goes_to_on_timeout_on_the_fake_clock()
    {
        var flow = new FlowBuilder("l")
            .Add(new DataLookupStep("crm", "slow", TextTemplate.Parse("x")) { Timeout = TimeSpan.FromSeconds(3), OnTimeout = "late", Next = "done" })
            .HangUp("late", "timed out")
            .HangUp("done", "done")
            .Build();
        var rig = new IvrRig(configure: s => s with { DataSources = new Dictionary<string, IIvrDataSource> { ["slow"] = new NeverAnswers() } });
        var result = await rig.RunAsync(flow);
        Assert.Equal("timed out", result.Reason);
        Assert.InRange((rig.Clock.GetUtcNow() - IvrRig.Monday10Utc).TotalSeconds, 3, 3.1);
    }

    // Real HTTP completes on pool threads, so this run waits for real I/O instead of ticking the fake clock.
    private static async Task<FlowResult> RunOnPoolAsync(IvrRig rig, IvrFlow flow) => await rig.Engine.RunAsync(flow, rig.Channel);

    private sealed class NeverAnswers : IIvrDataSource
    {
        public async ValueTask<IReadOnlyDictionary<string, string?>> LookupAsync(string operation, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
        {
            // Completes only by cancellation, inline on the clock's thread like every other wait in these tests.
            var never = new TaskCompletionSource<IReadOnlyDictionary<string, string?>>();
            using var registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
            return await never.Task.ConfigureAwait(false);
        }
    }
}
