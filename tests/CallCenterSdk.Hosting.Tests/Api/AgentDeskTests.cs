using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Acd;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Hosting.Crm;
using Microsoft.Extensions.DependencyInjection;
using CrmTenant = CallCenterSdk.Crm.Tenancy.TenantId;

namespace CallCenterSdk.Hosting.Tests.Api;

public sealed class AgentDeskTests
{
    [Fact]
    public async Task Login_ready_not_ready_break_and_logout_move_the_agent_in_the_acd()
    {
        await using var center = await TestCenter.StartAsync();
        using var alice = await center.SignInAsync("acme", "alice");
        var acme = center.Acd.Find("acme")!;
        var id = new AgentId(acme.Tenant, "alice");

        var login = await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { }));
        Assert.Equal("not-ready", login.GetProperty("state").GetString());
        Assert.Equal("login", login.GetProperty("reason").GetString());

        var ready = await TestCenter.JsonAsync(await alice.PostAsync("/api/tenants/acme/agent/ready", null));
        Assert.Equal("available", ready.GetProperty("state").GetString());
        Assert.Equal(AgentState.Available, acme.Execute(e => e.GetAgentStatus(id)).State);

        var notReady = await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/not-ready", new { reason = "training" }));
        Assert.Equal("training", notReady.GetProperty("reason").GetString());
        Assert.Equal("training", acme.Execute(e => e.GetAgentStatus(id)).NotReadyReason);

        var onBreak = await TestCenter.JsonAsync(await alice.PostAsync("/api/tenants/acme/agent/break", null));
        Assert.Equal("break", onBreak.GetProperty("reason").GetString());

        await TestCenter.JsonAsync(await alice.PostAsync("/api/tenants/acme/agent/logout", null));
        Assert.Equal(AgentState.LoggedOut, acme.Execute(e => e.GetAgentStatus(id)).State);
    }

    [Fact]
    public async Task Illegal_transitions_and_bad_reasons_are_refused_with_problem_details()
    {
        await using var center = await TestCenter.StartAsync();
        using var alice = await center.SignInAsync("acme", "alice");
        using var notLoggedIn = await alice.PostAsync("/api/tenants/acme/agent/ready", null);
        Assert.Equal(HttpStatusCode.Conflict, notLoggedIn.StatusCode);
        Assert.Equal("application/problem+json", notLoggedIn.Content.Headers.ContentType?.MediaType);
        Assert.Contains("log in first", await notLoggedIn.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { ready = true });
        using var bad = await alice.PostAsJsonAsync("/api/tenants/acme/agent/not-ready", new { reason = "<script>" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var twice = await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task Screen_pop_finds_the_customer_by_any_notation_masked_for_the_agent()
    {
        await using var center = await TestCenter.StartAsync();
        using var alice = await center.SignInAsync("acme", "alice");
        var pop = await TestCenter.JsonAsync(await alice.GetAsync("/api/tenants/acme/agent/screen-pop?number=" + Uri.EscapeDataString("+49 30 100-200")));
        var customer = pop.GetProperty("customer");
        Assert.Equal("ACME Telecom customer", customer.GetProperty("name").GetString());
        var phone = customer.GetProperty("phoneNumbers")[0].GetString()!;
        Assert.EndsWith("0200", phone, StringComparison.Ordinal);
        Assert.Contains('*', phone);

        using var unknown = await alice.GetAsync("/api/tenants/acme/agent/screen-pop?number=%2B4930999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // globex's customer is not acme's.
        using var other = await alice.GetAsync("/api/tenants/acme/agent/screen-pop?number=%2B4940200300");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Wrap_up_notes_go_into_the_customer_history_and_end_the_wrap_up()
    {
        await using var center = await TestCenter.StartAsync(o => o.Tenants[0].Queues[0].WrapUpSeconds = 600);
        var acme = center.Acd.Find("acme")!;
        var id = new AgentId(acme.Tenant, "alice");
        using var alice = await center.SignInAsync("acme", "alice");
        await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { ready = true }));
        var contact = acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+4930100200" }).Contact;
        acme.Execute(e => e.Accept(id, contact));
        acme.Execute(e => e.Release(contact));
        Assert.Equal(AgentState.WrapUp, acme.Execute(e => e.GetAgentStatus(id)).State);

        var saved = await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/wrap-up",
            new { notes = "Billing question answered", callerNumber = "+4930100200", contact = contact.ToString(), endWrapUp = true }));
        Assert.True(saved.GetProperty("saved").GetBoolean());
        Assert.Equal(AgentState.Available, acme.Execute(e => e.GetAgentStatus(id)).State);

        var store = center.App.Services.GetRequiredService<CrmStoreHost>().Store;
        var customer = await store.Customers.FindByPhoneAsync(new CrmTenant("acme"), "+4930100200", CrmRole.System);
        var history = await store.Customers.GetContactHistoryAsync(new CrmTenant("acme"), customer!.Id, PageRequest.First);
        var note = Assert.Single(history.Items);
        Assert.Equal("Billing question answered", note.Summary);
        Assert.Equal("alice", note.Agent);
        Assert.Equal(contact.ToString(), note.CallId);

        using var empty = await alice.PostAsJsonAsync("/api/tenants/acme/agent/wrap-up", new { notes = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Screen_pop_and_wrap_up_notes_find_the_caller_of_the_agents_own_call_by_contact_or_call_id()
    {
        await using var center = await TestCenter.StartAsync(o => o.Tenants[0].Queues[0].WrapUpSeconds = 600);
        var acme = center.Acd.Find("acme")!;
        var id = new AgentId(acme.Tenant, "alice");
        using var alice = await center.SignInAsync("acme", "alice");
        using var bob = await center.SignInAsync("acme", "bob");
        await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { ready = true }));
        var contact = acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+4930100200", ExternalId = "a84b4c76e66710@pc33" }).Contact;
        Assert.Equal(AgentState.Reserved, acme.Execute(e => e.GetAgentStatus(id)).State);

        // Ringing: the desk knows the call by the ACD contact id or the SIP Call-ID, never by the (masked) number.
        foreach (var call in new[] { contact.ToString(), "a84b4c76e66710@pc33" })
        {
            var pop = await TestCenter.JsonAsync(await alice.GetAsync("/api/tenants/acme/agent/screen-pop?call=" + Uri.EscapeDataString(call)));
            Assert.Equal("ACME Telecom customer", pop.GetProperty("customer").GetProperty("name").GetString());
            Assert.DoesNotContain("4930100200", pop.GetRawText(), StringComparison.Ordinal);
        }

        // Another agent's call, an unknown id, and neither number nor call.
        using var notBobs = await bob.GetAsync("/api/tenants/acme/agent/screen-pop?call=" + Uri.EscapeDataString(contact.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, notBobs.StatusCode);
        Assert.Contains("No such call for this agent", await notBobs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await alice.GetAsync("/api/tenants/acme/agent/screen-pop?call=acme%2Fc99");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var neither = await alice.GetAsync("/api/tenants/acme/agent/screen-pop");
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);

        // Wrap-up: notes with the contact only go to the caller's customer history.
        acme.Execute(e => e.Accept(id, contact));
        acme.Execute(e => e.Release(contact));
        var saved = await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/wrap-up",
            new { notes = "Router replaced", contact = contact.ToString(), endWrapUp = true }));
        Assert.True(saved.GetProperty("saved").GetBoolean());
        Assert.Equal(AgentState.Available, acme.Execute(e => e.GetAgentStatus(id)).State);
        var store = center.App.Services.GetRequiredService<CrmStoreHost>().Store;
        var customer = await store.Customers.FindByPhoneAsync(new CrmTenant("acme"), "+4930100200", CrmRole.System);
        var note = Assert.Single((await store.Customers.GetContactHistoryAsync(new CrmTenant("acme"), customer!.Id, PageRequest.First)).Items);
        Assert.Equal("Router replaced", note.Summary);
        Assert.Equal(contact.ToString(), note.CallId);
    }

    [Fact]
    public async Task Wrap_up_of_a_caller_who_is_no_customer_ends_the_wrap_up_without_saving()
    {
        await using var center = await TestCenter.StartAsync(o => o.Tenants[0].Queues[0].WrapUpSeconds = 600);
        var acme = center.Acd.Find("acme")!;
        var id = new AgentId(acme.Tenant, "alice");
        using var alice = await center.SignInAsync("acme", "alice");
        await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/login", new { ready = true }));
        var contact = acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+4930999999" }).Contact;
        acme.Execute(e => e.Accept(id, contact));
        acme.Execute(e => e.Release(contact));

        var done = await TestCenter.JsonAsync(await alice.PostAsJsonAsync("/api/tenants/acme/agent/wrap-up",
            new { notes = "Wrong number", contact = contact.ToString(), endWrapUp = true }));
        Assert.False(done.GetProperty("saved").GetBoolean());
        Assert.Equal(AgentState.Available, acme.Execute(e => e.GetAgentStatus(id)).State);
    }

    [Theory]
    [InlineData("/api/tenants/acme/agent/calls/c1/hold", "hold calls")]
    [InlineData("/api/tenants/acme/agent/calls/c1/resume", "resume calls")]
    [InlineData("/api/tenants/acme/agent/calls/c1/hangup", "hang up calls")]
    [InlineData("/api/tenants/acme/agent/calls/c1/transfer", "make blind transfers")]
    [InlineData("/api/tenants/acme/agent/calls/c1/conference", "conference calls")]
    [InlineData("/api/tenants/acme/agent/dial", "dial out")]
    [InlineData("/api/tenants/acme/agent/answer", "answer calls")]
    public async Task Call_actions_answer_501_until_call_control_is_registered(string path, string what)
    {
        await using var center = await TestCenter.StartAsync();
        using var alice = await center.SignInAsync("acme", "alice");
        using var response = await alice.PostAsJsonAsync(path, new { target = "1002", number = "+4930123" });
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains(what, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_call_control_receives_the_actor_and_its_answer_is_mapped()
    {
        var calls = new RecordingCalls();
        await using var center = await TestCenter.StartAsync(services: s => s.AddSingleton<CallCenterSdk.Hosting.Calls.ICallCenterCalls>(calls));
        using var alice = await center.SignInAsync("acme", "alice");
        using var accepted = await alice.PostAsJsonAsync("/api/tenants/acme/agent/calls/call-7/transfer", new { target = "1002", attended = true });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(("acme", "alice", "alice", "transfer call-7 1002 attended"), calls.Last);
        using var missing = await alice.PostAsync("/api/tenants/acme/agent/calls/none/hold", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var busy = await alice.PostAsync("/api/tenants/acme/agent/calls/busy/hold", null);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        using var refused = await alice.PostAsync("/api/tenants/acme/agent/answer", null);
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal(("acme", "alice", "alice", "answer"), calls.Last);
        Assert.Contains("405 Method Not Allowed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var sam = await center.SignInAsync("acme", "sam");
        using var barge = await sam.PostAsync("/api/tenants/acme/supervisor/calls/call-7/barge", null);
        Assert.Equal(HttpStatusCode.Accepted, barge.StatusCode);
        Assert.Equal(("acme", "sam", (string?)null, "Barge call-7"), calls.Last);
        using var wallboard = await sam.GetAsync("/api/tenants/acme/supervisor/wallboard");
        Assert.True((await TestCenter.JsonAsync(wallboard)).GetProperty("callControl").GetBoolean());
    }

    private sealed class RecordingCalls : CallCenterSdk.Hosting.Calls.ICallCenterCalls
    {
        public (string, string, string?, string) Last { get; private set; }

        public bool IsAvailable => true;

        private Task<CallCenterSdk.Hosting.Calls.CallActionResult> Record(CallCenterSdk.Hosting.Calls.CallActor actor, string callId, string what)
        {
            Last = (actor.Tenant, actor.User, actor.Agent, what);
            return Task.FromResult(callId switch
            {
                "none" => new CallCenterSdk.Hosting.Calls.CallActionResult(CallCenterSdk.Hosting.Calls.CallActionStatus.NotFound, "no such call"),
                "busy" => new CallCenterSdk.Hosting.Calls.CallActionResult(CallCenterSdk.Hosting.Calls.CallActionStatus.Conflict, "already on hold"),
                _ => CallCenterSdk.Hosting.Calls.CallActionResult.Accepted(callId),
            });
        }

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> AnswerAsync(CallCenterSdk.Hosting.Calls.CallActor actor, CancellationToken cancellationToken)
        {
            Last = (actor.Tenant, actor.User, actor.Agent, "answer");
            return Task.FromResult(new CallCenterSdk.Hosting.Calls.CallActionResult(CallCenterSdk.Hosting.Calls.CallActionStatus.PeerFailed, "the phone answered 405 Method Not Allowed", "call-7"));
        }

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> HoldAsync(CallCenterSdk.Hosting.Calls.CallActor actor, string callId, CancellationToken cancellationToken) => Record(actor, callId, "hold " + callId);

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> ResumeAsync(CallCenterSdk.Hosting.Calls.CallActor actor, string callId, CancellationToken cancellationToken) => Record(actor, callId, "resume " + callId);

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> TransferAsync(CallCenterSdk.Hosting.Calls.CallActor actor, string callId, string target, bool attended, CancellationToken cancellationToken) =>
            Record(actor, callId, $"transfer {callId} {target} {(attended ? "attended" : "blind")}");

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> ConferenceAsync(CallCenterSdk.Hosting.Calls.CallActor actor, string callId, string target, CancellationToken cancellationToken) => Record(actor, callId, "conference " + callId);

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> HangUpAsync(CallCenterSdk.Hosting.Calls.CallActor actor, string callId, CancellationToken cancellationToken) => Record(actor, callId, "hangup " + callId);

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> DialAsync(CallCenterSdk.Hosting.Calls.CallActor actor, string number, CancellationToken cancellationToken) => Record(actor, "new", "dial " + number);

        public Task<CallCenterSdk.Hosting.Calls.CallActionResult> MonitorAsync(CallCenterSdk.Hosting.Calls.CallActor supervisor, string callId, CallCenterSdk.Hosting.Calls.MonitorMode mode, CancellationToken cancellationToken) => Record(supervisor, callId, $"{mode} {callId}");
    }
}
