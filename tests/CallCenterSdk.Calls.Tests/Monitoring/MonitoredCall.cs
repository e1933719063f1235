using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Calls.Tests.Monitoring;

/// <summary>
/// Four engines on loopback: the caller's phone calls our B2BUA, which bridges it to the agent's phone and calls
/// the supervisor's phone. Each phone plays its own tone: caller 600 Hz, agent 1000 Hz, supervisor 1400 Hz.
/// </summary>
internal sealed class MonitoredCall : IAsyncDisposable
{
    public const double CallerTone = 600;
    public const double AgentTone = 1000;
    public const double SupervisorTone = 1400;
    public static readonly double[] AllTones = [CallerTone, AgentTone, SupervisorTone];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Engines _engines = new();
    private readonly List<IDisposable> _tones = [];

    private MonitoredCall()
    {
    }

    public CallEngine Pbx { get; private set; } = null!;

    /// <summary>The caller's phone's leg (what the caller hears and says).</summary>
    public CallLeg CallerPhone { get; private set; } = null!;

    public CallLeg AgentPhone { get; private set; } = null!;

    public CallLeg SupervisorPhone { get; private set; } = null!;

    /// <summary>The B2BUA's bridge: first the caller's inbound leg, second the agent's outbound leg.</summary>
    public Bridge Bridge { get; private set; } = null!;

    /// <summary>The B2BUA's leg to the supervisor.</summary>
    public CallLeg SupervisorLeg { get; private set; } = null!;

    public static async Task<MonitoredCall> StartAsync(SdpCodec callerCodec, SdpCodec agentCodec, SdpCodec supervisorCodec)
    {
        var call = new MonitoredCall();
        try
        {
            await call.ConnectAsync(callerCodec, agentCodec, supervisorCodec);
            return call;
        }
        catch
        {
            await call.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tone in _tones)
        {
            tone.Dispose();
        }

        await _engines.DisposeAsync();
    }

    private async Task ConnectAsync(SdpCodec callerCodec, SdpCodec agentCodec, SdpCodec supervisorCodec)
    {
        var call = await BridgedCall.StartAsync(_engines, new MediaSessionOptions { Codecs = [callerCodec] }, new MediaSessionOptions { Codecs = [agentCodec] });
        (Pbx, CallerPhone, AgentPhone, Bridge) = (call.Pbx, call.Caller, call.Agent, call.Bridge);
        var supervisorEngine = await _engines.StartAsync(new MediaSessionOptions { Codecs = [supervisorCodec] });
        var supervisorAnswered = AutoAnswer(supervisorEngine);
        SupervisorLeg = Pbx.Dial(Engines.UriOf(supervisorEngine, "supervisor"), "<sip:pbx@127.0.0.1>");
        await SupervisorLeg.WaitForAnswerAsync().WaitAsync(Timeout);
        SupervisorPhone = await supervisorAnswered.WaitAsync(Timeout);
        _tones.Add(CallerPhone.Hear(Tones.Steady(CallerTone, CallerPhone.Media.Format.SampleRate)));
        _tones.Add(AgentPhone.Hear(Tones.Steady(AgentTone, AgentPhone.Media.Format.SampleRate)));
        _tones.Add(SupervisorPhone.Hear(Tones.Steady(SupervisorTone, SupervisorPhone.Media.Format.SampleRate)));
    }

    private static Task<CallLeg> AutoAnswer(CallEngine engine)
    {
        var answered = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.IncomingCall += leg =>
        {
            leg.Answer();
            answered.TrySetResult(leg);
        };
        return answered.Task;
    }
}
