using CallCenterSdk.Calls.Routing;
using CallCenterSdk.Calls.Tests.Support;

namespace CallCenterSdk.Calls.Tests.Routing;

/// <summary>An engine whose every inbound call is routed by a <see cref="CallRouter"/> with one plan.</summary>
internal sealed class Pbx
{
    private readonly TaskCompletionSource<RouteResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Pbx(CallEngine engine, Func<CallRouter, CallLeg, Task<RouteResult>> route)
    {
        Engine = engine;
        Router = new CallRouter(engine);
        engine.IncomingCall += leg =>
        {
            Inbound = leg;
            _ = Task.Run(async () =>
            {
                try
                {
                    _result.TrySetResult(await route(Router, leg));
                }
                catch (Exception e)
                {
                    _result.TrySetException(e);
                }
            });
        };
    }

    public CallEngine Engine { get; }

    public CallRouter Router { get; }

    public CallLeg? Inbound { get; private set; }

    public Task<RouteResult> Result => _result.Task;

    public static Task<Pbx> StartAsync(Engines engines, RingPlan plan) =>
        StartAsync(engines, (router, leg) => router.ConnectAsync(leg, plan));

    public static async Task<Pbx> StartAsync(Engines engines, Func<CallRouter, CallLeg, Task<RouteResult>> route) =>
        new(await engines.StartAsync(), route);

    /// <summary>Starts a PBX that connects every inbound call with <paramref name="plan"/>, and places a caller's call to it.</summary>
    public static Task<(Pbx Pbx, CallerCall Call)> CallAsync(Engines engines, RingPlan plan) =>
        CallAsync(engines, (router, leg) => router.ConnectAsync(leg, plan));

    /// <summary>Starts a PBX that routes every inbound call with <paramref name="route"/>, and places a caller's call to it.</summary>
    public static async Task<(Pbx Pbx, CallerCall Call)> CallAsync(Engines engines, Func<CallRouter, CallLeg, Task<RouteResult>> route)
    {
        var pbx = await StartAsync(engines, route);
        return (pbx, await CallerCall.PlaceAsync(engines, pbx, 1000));
    }
}

/// <summary>A caller's call to the PBX, playing its tone and listening.</summary>
internal sealed record CallerCall(CallLeg Leg, ToneProbe Hears)
{
    public static async Task<CallerCall> PlaceAsync(Engines engines, Pbx pbx, double tone)
    {
        var caller = await engines.StartAsync();
        var leg = caller.Dial(Engines.UriOf(pbx.Engine, "sales"), "\"Alice\" <sip:alice@127.0.0.1>");
        var hears = new ToneProbe(8000, 425, 600, 700, 800, 1000);
        leg.Listen(hears);
        leg.Hear(Tones.Steady(tone));
        return new CallerCall(leg, hears);
    }
}
