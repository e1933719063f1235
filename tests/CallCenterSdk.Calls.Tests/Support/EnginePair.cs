using System.Net;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.Tests.Support;

/// <summary>Starts call engines on loopback UDP ports for a test, and disposes them.</summary>
internal sealed class Engines : IAsyncDisposable
{
    private readonly List<CallEngine> _engines = [];

    public async Task<CallEngine> StartAsync(MediaSessionOptions? media = null, AudioCodecRegistry? codecs = null)
    {
        var engine = await CallEngine.StartAsync(
            [new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))],
            new CallEngineOptions { Media = media ?? new MediaSessionOptions() },
            codecs);
        _engines.Add(engine);
        return engine;
    }

    public static string UriOf(CallEngine engine, string user) =>
        $"sip:{user}@{engine.Stack.Transports[0].LocalEndPoint}";

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }
}
