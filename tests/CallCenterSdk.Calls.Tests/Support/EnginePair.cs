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

    public Task<CallEngine> StartAsync(MediaSessionOptions? media = null, AudioCodecRegistry? codecs = null) =>
        StartAsync(new CallEngineOptions { Media = media ?? new MediaSessionOptions() }, codecs);

    public async Task<CallEngine> StartAsync(CallEngineOptions options, AudioCodecRegistry? codecs = null)
    {
        var engine = await CallEngine.StartAsync(
            [new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))], options, codecs);
        _engines.Add(engine);
        return engine;
    }

    public static string UriOf(CallEngine engine, string user) =>
        $"sip:{user}@{engine.Stack.Transports[0].LocalEndPoint}";

    /// <summary>The engine's UDP transport as a peer sees it.</summary>
    public static SipEndpoint EndPointOf(CallEngine engine) => new(SipTransportProtocol.Udp, engine.Stack.Transports[0].LocalEndPoint);

    /// <summary>
    /// Handles every call <paramref name="engine"/> is offered with <paramref name="handle"/> (ring, answer, reject...);
    /// the task completes with the first of them once it is handled.
    /// </summary>
    public static Task<CallLeg> OnIncomingCall(CallEngine engine, Action<CallLeg> handle)
    {
        var first = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.IncomingCall += leg =>
        {
            handle(leg);
            first.TrySetResult(leg);
        };
        return first.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }
}
