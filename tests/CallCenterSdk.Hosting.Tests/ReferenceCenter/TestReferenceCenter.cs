using Microsoft.AspNetCore.Builder;
using ReferenceCenter;

namespace CallCenterSdk.Hosting.Tests.ReferenceCenter;

/// <summary>
/// The reference center as the README runs it, on ephemeral SIP and HTTP ports, with its data (SQLite, and when asked
/// the recordings, speech cache and media ports of telephony) in a temporary folder deleted on disposal.
/// </summary>
internal sealed class TestReferenceCenter : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Creates the data folder; <see cref="StartAsync"/> starts the center.</summary>
    public TestReferenceCenter(string name)
    {
        Data = Path.Combine(Path.GetTempPath(), $"cc-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Data);
    }

    /// <summary>The center's data folder (files a test puts there are deleted with it).</summary>
    public string Data { get; }

    /// <summary>The running application.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("Start the center first.");

    /// <summary>The center's HTTP base address.</summary>
    public Uri Base => ReferenceCenterApp.HttpAddress(App);

    /// <summary>Builds and starts the center with <paramref name="arguments"/> after the common ones.</summary>
    /// <param name="telephonyInData">Recordings and the speech cache in the data folder, RTP on ephemeral ports.</param>
    /// <param name="arguments">Command-line arguments of the test (configuration overrides).</param>
    public async Task StartAsync(bool telephonyInData, params string[] arguments)
    {
        string[] common = ["--sip", "127.0.0.1:0", "--http", "http://127.0.0.1:0", "--data", Data];
        string[] telephony = telephonyInData
            ? ["--CallCenter:Telephony:RtpPortFirst", "0",
               "--CallCenter:Telephony:RecordingsPath", Path.Combine(Data, "recordings"),
               "--CallCenter:Telephony:SpeechCachePath", Path.Combine(Data, "tts")]
            : [];
        await CallCenterSdk.Testing.DayBoundary.AvoidMidnightAsync(TimeSpan.FromMinutes(2), "Europe/Berlin", "UTC"); // the shipped tenants' day: tests read today's figures
        _app = ReferenceCenterApp.Build([.. common, .. telephony, .. arguments]);
        await _app.StartAsync();
    }

    /// <summary>Stops the center and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(Data, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test (baresip, sipp) may still hold a file; the temporary folder is left behind.
        }
    }
}
