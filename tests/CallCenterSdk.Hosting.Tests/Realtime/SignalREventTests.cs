using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Calls;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenterSdk.Hosting.Tests.Realtime;

public sealed class SignalREventTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private sealed class Listener : IAsyncDisposable
    {
        public ConcurrentQueue<(string Method, JsonElement Payload)> Received { get; } = new();

        public HubConnection Connection { get; private init; } = null!;

        public static async Task<Listener> ConnectAsync(TestCenter center, string tenant, string user)
        {
            var token = await center.TokenAsync(tenant, user);
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(center.BaseAddress, "/hubs/callcenter"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var listener = new Listener { Connection = connection };
            foreach (var method in new[] { "agentState", "queueStats", "callEvent", "phoneRegistration" })
            {
                connection.On<JsonElement>(method, payload => listener.Received.Enqueue((method, payload)));
            }

            await connection.StartAsync();
            return listener;
        }

        public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> match)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (DateTime.UtcNow < deadline)
            {
                foreach (var (m, p) in Received)
                {
                    if (m == method && match(p))
                    {
                        return p;
                    }
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"no {method} matching within {Wait}; received: {string.Join(" | ", Received.Select(r => r.Method + " " + r.Payload))}");
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    [Fact]
    public async Task Agent_state_queue_stats_and_call_events_reach_the_own_tenant_group_only()
    {
        await using var center = await TestCenter.StartAsync();
        await using var acmeBoard = await Listener.ConnectAsync(center, "acme", "sam");
        await using var acmeAgent = await Listener.ConnectAsync(center, "acme", "alice");
        await using var globexBoard = await Listener.ConnectAsync(center, "globex", "sam");

        using var alice = await center.SignInAsync("acme", "alice");
        (await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { reason = "break" })).EnsureSuccessStatusCode();
        var state = await acmeBoard.WaitForAsync("agentState", p => p.GetProperty("agent").GetString() == "alice");
        Assert.Equal("not-ready", state.GetProperty("state").GetString());
        Assert.Equal("break", state.GetProperty("reason").GetString());
        Assert.Equal("logged-out", state.GetProperty("from").GetString());
        await acmeAgent.WaitForAsync("agentState", p => p.GetProperty("agent").GetString() == "alice");

        var acme = center.Acd.Find("acme")!;
        var contact = acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+4930123456789" }).Contact;
        var queued = await acmeBoard.WaitForAsync("callEvent", p => p.GetProperty("kind").GetString() == "queued");
        Assert.Equal(contact.ToString(), queued.GetProperty("callId").GetString());
        Assert.Equal("support", queued.GetProperty("queue").GetString());
        var stats = await acmeBoard.WaitForAsync("queueStats", p => p.GetProperty("id").GetString() == "support" && p.GetProperty("waiting").GetInt32() == 1);
        Assert.Equal(1, stats.GetProperty("today").GetProperty("offered").GetInt64());

        center.App.Services.GetRequiredService<ICallEventPublisher>().Publish(new CallEvent("acme", "sip-1", "answered", "alice", "+4930123456789"));
        var published = await acmeBoard.WaitForAsync("callEvent", p => p.GetProperty("callId").GetString() == "sip-1");
        Assert.Equal("+*********6789", published.GetProperty("callerNumber").GetString());

        // A marker for globex proves its connection works; nothing of acme came before it.
        center.App.Services.GetRequiredService<ICallEventPublisher>().Publish(new CallEvent("globex", "marker", "ringing"));
        await globexBoard.WaitForAsync("callEvent", p => p.GetProperty("callId").GetString() == "marker");
        Assert.All(globexBoard.Received, r => Assert.Equal("marker", r.Payload.GetProperty("callId").GetString()));
    }

    [Fact]
    public async Task A_connection_without_token_is_refused()
    {
        await using var center = await TestCenter.StartAsync();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(center.BaseAddress, "/hubs/callcenter")).Build();
        await using (connection)
        {
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, e.StatusCode);
        }
    }
}
