using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;

namespace CallCenterSdk.Calls.Tests.Support;

/// <summary>A caller engine calling a B2BUA engine that dials an agent engine and bridges the two legs.</summary>
internal sealed record BridgedCall(CallEngine Pbx, CallLeg Caller, CallLeg Agent, Bridge Bridge)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The caller as the B2BUA sees it (inbound).</summary>
    public CallLeg PbxCaller => Bridge.First;

    /// <summary>The agent as the B2BUA sees it (outbound).</summary>
    public CallLeg PbxAgent => Bridge.Second;

    public static async Task<BridgedCall> StartAsync(Engines engines, MediaSessionOptions? callerMedia = null, MediaSessionOptions? agentMedia = null)
    {
        var caller = await engines.StartAsync(callerMedia);
        var pbx = await engines.StartAsync();
        var agent = await engines.StartAsync(agentMedia);
        var agentLeg = Engines.OnIncomingCall(agent, leg => leg.Answer());
        var bridge = new TaskCompletionSource<Bridge>(TaskCreationOptions.RunContinuationsAsynchronously);
        pbx.IncomingCall += inbound => _ = Task.Run(async () =>
        {
            try
            {
                var outbound = pbx.Dial(Engines.UriOf(agent, "agent1"), "<sip:pbx@127.0.0.1>");
                await outbound.WaitForAnswerAsync();
                inbound.Answer();
                await inbound.WaitForAnswerAsync();
                var b = new Bridge(inbound, outbound);
                b.Start();
                bridge.TrySetResult(b);
            }
            catch (Exception e)
            {
                bridge.TrySetException(e);
            }
        });

        var callerLeg = caller.Dial(Engines.UriOf(pbx, "sales"), "<sip:alice@127.0.0.1>");
        await callerLeg.WaitForAnswerAsync().WaitAsync(Timeout);
        return new BridgedCall(pbx, callerLeg, await agentLeg.WaitAsync(Timeout), await bridge.Task.WaitAsync(Timeout));
    }
}
