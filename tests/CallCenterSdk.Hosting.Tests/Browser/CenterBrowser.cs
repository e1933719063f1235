using Microsoft.Playwright;

namespace CallCenterSdk.Hosting.Tests.Browser;

/// <summary>
/// Debian's chromium (/usr/bin/chromium, no browser download) driven by Playwright, headless, for the reference
/// center's pages; each signed-in page gets its own browser context (the pages keep their token per tab).
/// </summary>
internal sealed class CenterBrowser : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
        ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private CenterBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<CenterBrowser> LaunchAsync()
    {
        var chromium = NativeTool.Require("chromium", "chromium");
        // Wide margins: the CI machine is loaded, and a live update is a push plus a REST refresh.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
            return new CenterBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="page"/> of the center at <paramref name="center"/> and signs in.</summary>
    public async Task<IPage> SignedInPageAsync(Uri center, string page, string tenant, string user, string password)
    {
        var context = await _browser.NewContextAsync();
        var p = await context.NewPageAsync();
        p.SetDefaultTimeout(30_000);
        await p.GotoAsync(new Uri(center, page).ToString());
        await p.FillAsync("#tenant", tenant);
        await p.FillAsync("#user", user);
        await p.FillAsync("#password", password);
        await p.ClickAsync("#signin-button");
        await p.WaitForSelectorAsync("#signout");
        return p;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
