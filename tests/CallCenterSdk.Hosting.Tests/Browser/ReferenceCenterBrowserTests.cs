using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Tests.ReferenceCenter;
using CallCenterSdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CallCenterSdk.Hosting.Tests.Browser;

/// <summary>
/// Debian's chromium, driven by Playwright, against the reference center running in-process with its own
/// appsettings.json, pages and vendored signalr.min.js (no network, no browser download).
/// </summary>
[Collection(LiveCallBrowserTests.Collection)]
public sealed class ReferenceCenterBrowserTests : IAsyncLifetime
{
    private readonly TestReferenceCenter _center = new("browser");
    private CenterBrowser _browser = null!;

    private Uri Base => _center.Base;

    public async Task InitializeAsync()
    {
        await _center.StartAsync(telephonyInData: false);
        _browser = await CenterBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _center.DisposeAsync();
    }

    private Task<IPage> SignedInPageAsync(string page, string tenant, string user, string password) =>
        _browser.SignedInPageAsync(Base, page, tenant, user, password);

    [Fact]
    public async Task Wallboard_shows_a_queued_call_and_agent_states_live_while_the_agent_desk_goes_ready_then_not_ready()
    {
        var wallboard = await SignedInPageAsync("wallboard.html", "acme", "sam", "sam-super-2026");
        await Assertions.Expect(wallboard.Locator("#live")).ToHaveTextAsync("live");
        await Assertions.Expect(wallboard.Locator("#agents tr[data-agent=alice] .state")).ToHaveTextAsync("logged-out");

        // A caller enters the support queue through the ACD service: it appears, masked, with its wait counting.
        var acme = _center.App.Services.GetRequiredService<CallCenterAcd>().Find("acme")!;
        acme.Enqueue(new ContactRequest { Queue = new QueueId(acme.Tenant, "support"), CallerNumber = "+493012345678" });
        var waiting = wallboard.Locator("#waiting tbody tr");
        await Assertions.Expect(waiting).ToHaveCountAsync(1);
        await Assertions.Expect(waiting.Locator(".caller")).ToHaveTextAsync("+********5678");
        await Assertions.Expect(wallboard.Locator("#tile-waiting")).ToHaveTextAsync("1");
        await Assertions.Expect(wallboard.Locator("#queues tr[data-queue=support] .waiting")).ToHaveTextAsync("1");

        // The agent desk: log in (not ready), ready, not ready with a reason; the wallboard follows each step.
        var desk = await SignedInPageAsync("agent.html", "acme", "dave", "dave-desk-2026");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("logged-out");
        await desk.ClickAsync("#btn-login");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("not-ready");
        await Assertions.Expect(wallboard.Locator("#agents tr[data-agent=dave] .state")).ToHaveTextAsync("not-ready");

        await desk.ClickAsync("#btn-ready");
        // dave serves support: the waiting call is offered to him at once, so "ready" shows as ringing.
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("available|ringing"));
        await Assertions.Expect(wallboard.Locator("#agents tr[data-agent=dave] .state")).ToHaveTextAsync("ringing");
        await Assertions.Expect(wallboard.Locator("#waiting tbody tr td").Last).ToHaveTextAsync("dave");
        Assert.Equal(AgentState.Reserved, acme.Execute(e => e.GetAgentStatus(new AgentId(acme.Tenant, "dave"))).State);

        // Not ready withdraws the offer; the caller waits on, for nobody.
        await desk.SelectOptionAsync("#not-ready-reason", "training");
        await desk.ClickAsync("#btn-not-ready");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("not-ready");
        await Assertions.Expect(desk.Locator("#reason")).ToHaveTextAsync("training");
        await Assertions.Expect(wallboard.Locator("#agents tr[data-agent=dave] .state")).ToHaveTextAsync("not-ready");
        await Assertions.Expect(wallboard.Locator("#agents tr[data-agent=dave] .reason")).ToHaveTextAsync("training");
        Assert.Equal("training", acme.Execute(e => e.GetAgentStatus(new AgentId(acme.Tenant, "dave"))).NotReadyReason);
        await Assertions.Expect(wallboard.Locator("#waiting tbody tr td").Last).ToHaveTextAsync(string.Empty);
        await Assertions.Expect(wallboard.Locator("#waiting tbody tr")).ToHaveCountAsync(1);

        // Call control answers for calls of this agent only: a call id that is not the agent's gets the 404 detail.
        await desk.FillAsync("#call-id", "call-1");
        await desk.ClickAsync("#btn-hold");
        await Assertions.Expect(desk.Locator("#call-message")).ToContainTextAsync("No such call for this agent");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await wallboard.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "wallboard.png"), FullPage = true });
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "agent-desk.png"), FullPage = true });
    }

    [Fact]
    public async Task Agent_desk_screen_pop_shows_the_seeded_customer_masked()
    {
        var desk = await SignedInPageAsync("agent.html", "acme", "alice", "alice-desk-2026");
        await desk.FillAsync("#pop-number", "030 12345678");
        await desk.ClickAsync("#btn-pop");
        await Assertions.Expect(desk.Locator("#customer")).ToContainTextAsync("Erika Mustermann");
        await Assertions.Expect(desk.Locator("#customer")).ToContainTextAsync("+********5678");
        await Assertions.Expect(desk.Locator("#customer")).Not.ToContainTextAsync("3012345678");
    }

    [Fact]
    public async Task A_globex_supervisor_sees_only_globex_on_the_wallboard()
    {
        var wallboard = await SignedInPageAsync("wallboard.html", "globex", "quinn", "quinn-super-2026");
        await Assertions.Expect(wallboard.Locator("#tenant-name")).ToHaveTextAsync("· Globex Energy");
        await Assertions.Expect(wallboard.Locator("#day")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^today: \d{4}-\d{2}-\d{2} \(Europe/Berlin\)$"));
        await Assertions.Expect(wallboard.Locator("#agents tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(wallboard.Locator("#agents tr[data-agent=alice]")).ToHaveCountAsync(0);
    }
}
