using CallCenterSdk.Calls.Channel;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Calls.Tests.Support;

/// <summary>
/// A caller engine calling "4001" on an IVR engine that answers and hands the call to a <see cref="CallLegChannel"/> of
/// tenant-a, optionally running a flow on it. The caller is alice; transfers reach <c>extension</c> when one is given.
/// </summary>
internal sealed record IvrCall(CallEngine Ivr, CallLeg Caller, CallLegChannel Channel)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private Task<FlowResult>? _flow;

    /// <summary>The run of the flow started on the channel (throws when the call was started without one).</summary>
    public Task<FlowResult> Flow => _flow ?? throw new InvalidOperationException("This call was started without a flow.");

    /// <param name="engines">Starts the caller and IVR engines and owns them.</param>
    /// <param name="flow">The flow the IVR runs on the channel, or null for a bare channel.</param>
    /// <param name="options">The channel's options; its dial plan is set to <paramref name="extension"/> when that is given.</param>
    /// <param name="extension">An engine that every transfer target (its address as the user) is dialled on.</param>
    /// <param name="prepare">Sees the channel before the flow starts (to subscribe to its events).</param>
    /// <param name="callerHears">Listens to the caller's leg from the moment it is dialled.</param>
    /// <param name="callerMedia">The caller's media options.</param>
    /// <param name="flowCancellation">Passed to the flow run.</param>
    public static async Task<IvrCall> StartAsync(
        Engines engines,
        IvrFlow? flow = null,
        CallLegChannelOptions? options = null,
        CallEngine? extension = null,
        Action<CallLegChannel>? prepare = null,
        IAudioSink? callerHears = null,
        MediaSessionOptions? callerMedia = null,
        CancellationToken flowCancellation = default)
    {
        var caller = await engines.StartAsync(callerMedia);
        var ivr = await engines.StartAsync();
        if (extension is not null)
        {
            options = (options ?? new CallLegChannelOptions()) with { DialPlan = t => new TransferRoute(Engines.UriOf(extension, t.Address)) };
        }

        var answered = new TaskCompletionSource<(CallLegChannel, Task<FlowResult>?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            var channel = new CallLegChannel(ivr, leg, "tenant-a", options);
            prepare?.Invoke(channel);
            answered.TrySetResult((channel, flow is null ? null : new FlowEngine(new IvrServices()).RunAsync(flow, channel, cancellationToken: flowCancellation)));
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        if (callerHears is not null)
        {
            outbound.Listen(callerHears);
        }

        // flowCancellation is the flow's alone: setting the call up is bounded by the timeout.
        await outbound.WaitForAnswerAsync(CancellationToken.None).WaitAsync(Timeout, CancellationToken.None);
        var (answeredChannel, run) = await answered.Task.WaitAsync(Timeout, CancellationToken.None);
        return new IvrCall(ivr, outbound, answeredChannel) { _flow = run };
    }
}
