using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Monitoring;
using CallCenterSdk.Calls.Tests.Conferencing;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Sip.Sdp;
using static CallCenterSdk.Calls.Tests.Monitoring.MonitoredCall;

namespace CallCenterSdk.Calls.Tests.Monitoring;

public class CallMonitorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string, string, BridgeMode> Codecs => new()
    {
        { "PCMU", "PCMU", "PCMU", BridgeMode.Relay },
        { "PCMU", "PCMA", "G722", BridgeMode.Transcode },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Listen_whisper_and_barge_route_each_tone_to_exactly_the_right_phones(string caller, string agent, string supervisor, BridgeMode bridgeMode)
    {
        await using var call = await StartAsync(Codec(caller), Codec(agent), Codec(supervisor));
        Assert.Equal(bridgeMode, call.Bridge.Mode);
        using var monitor = new CallMonitor(call.Bridge, call.SupervisorLeg);

        monitor.SetMode(MonitorMode.Listen);
        await Ears.ExpectAsync(
            "listen",
            AllTones,
            new Ear("caller", call.CallerPhone, [AgentTone], [CallerTone, SupervisorTone]),
            new Ear("agent", call.AgentPhone, [CallerTone], [AgentTone, SupervisorTone]),
            new Ear("supervisor", call.SupervisorPhone, [CallerTone, AgentTone], [SupervisorTone]));
        if (bridgeMode == BridgeMode.Relay)
        {
            // Listening adds taps only: both directions are still relayed.
            Assert.True(call.Bridge.First.Media.IsRelaying && call.Bridge.Second.Media.IsRelaying);
        }

        monitor.SetMode(MonitorMode.Whisper);
        await Ears.ExpectAsync(
            "whisper",
            AllTones,
            new Ear("caller", call.CallerPhone, [AgentTone], [CallerTone, SupervisorTone]),
            new Ear("agent", call.AgentPhone, [CallerTone, SupervisorTone], [AgentTone]),
            new Ear("supervisor", call.SupervisorPhone, [CallerTone, AgentTone], [SupervisorTone]));

        monitor.SetMode(MonitorMode.Barge);
        await Ears.ExpectAsync(
            "barge",
            AllTones,
            new Ear("caller", call.CallerPhone, [AgentTone, SupervisorTone], [CallerTone]),
            new Ear("agent", call.AgentPhone, [CallerTone, SupervisorTone], [AgentTone]),
            new Ear("supervisor", call.SupervisorPhone, [CallerTone, AgentTone], [SupervisorTone]));

        // Back down: barge to whisper to listen, each step taking away exactly what the mode no longer allows.
        monitor.SetMode(MonitorMode.Whisper);
        await Ears.ExpectAsync(
            "barge then whisper",
            AllTones,
            new Ear("caller", call.CallerPhone, [AgentTone], [CallerTone, SupervisorTone]),
            new Ear("agent", call.AgentPhone, [CallerTone, SupervisorTone], [AgentTone]));
        monitor.SetMode(MonitorMode.Listen);
        await Ears.ExpectAsync(
            "whisper then listen",
            AllTones,
            new Ear("agent", call.AgentPhone, [CallerTone], [AgentTone, SupervisorTone]),
            new Ear("supervisor", call.SupervisorPhone, [CallerTone, AgentTone], [SupervisorTone]));

        monitor.Stop();
        Assert.Null(monitor.Mode);
        await Ears.ExpectAsync(
            "stopped",
            AllTones,
            new Ear("caller", call.CallerPhone, [AgentTone], [CallerTone, SupervisorTone]),
            new Ear("agent", call.AgentPhone, [CallerTone], [AgentTone, SupervisorTone]),
            new Ear("supervisor", call.SupervisorPhone, [], AllTones));
        Assert.Equal(bridgeMode, call.Bridge.Mode);
        if (bridgeMode == BridgeMode.Relay)
        {
            Assert.True(call.Bridge.First.Media.IsRelaying && call.Bridge.Second.Media.IsRelaying);
        }

        Assert.Equal(CallLegState.Connected, call.SupervisorLeg.State);
    }

    [Fact]
    public async Task Intercept_bridges_the_caller_to_the_supervisor_and_hangs_up_the_agent()
    {
        await using var call = await StartAsync(SdpCodec.Pcmu, SdpCodec.Pcmu, SdpCodec.Pcma);
        var monitor = new CallMonitor(call.Bridge, call.SupervisorLeg);
        monitor.SetMode(MonitorMode.Whisper);

        var taken = await monitor.InterceptAsync().WaitAsync(Timeout);
        var agentEnd = await call.AgentPhone.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, agentEnd.Party);
        Assert.Equal(CallEndCause.NormalClearing, agentEnd.Q850Cause);
        Assert.Same(taken, monitor.InterceptBridge);
        Assert.Equal(MonitorMode.Intercept, monitor.Mode);
        Assert.Same(call.Bridge.First, taken.First);
        Assert.Same(call.SupervisorLeg, taken.Second);
        Assert.Equal(BridgeMode.Transcode, taken.Mode);
        await Ears.ExpectAsync(
            "intercepted",
            AllTones,
            new Ear("caller", call.CallerPhone, [SupervisorTone], [CallerTone, AgentTone]),
            new Ear("supervisor", call.SupervisorPhone, [CallerTone], [AgentTone, SupervisorTone]));
        Assert.Equal(CallLegState.Connected, call.CallerPhone.State);
        Assert.Throws<InvalidOperationException>(() => monitor.SetMode(MonitorMode.Listen));
        Assert.Throws<InvalidOperationException>(() => monitor.SetMode(MonitorMode.Intercept));

        // The new bridge carries the call's end as the old one did.
        await call.CallerPhone.HangupAsync().WaitAsync(Timeout);
        await call.SupervisorPhone.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task The_supervisor_hanging_up_while_barging_restores_the_plain_relayed_call()
    {
        await using var call = await StartAsync(SdpCodec.Pcma, SdpCodec.Pcma, SdpCodec.Pcmu);
        Assert.Throws<ArgumentException>(() => new CallMonitor(call.Bridge, call.Bridge.Second));
        using var monitor = new CallMonitor(call.Bridge, call.SupervisorLeg);
        var stopped = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.Stopped += (_, leg) => stopped.TrySetResult(leg);
        monitor.SetMode(MonitorMode.Barge);
        Assert.False(call.Bridge.First.Media.IsRelaying);
        Assert.False(call.Bridge.Second.Media.IsRelaying);

        await call.SupervisorPhone.HangupAsync().WaitAsync(Timeout);
        Assert.Same(call.SupervisorLeg, await stopped.Task.WaitAsync(Timeout));
        Assert.Null(monitor.Mode);
        Assert.True(call.Bridge.First.Media.IsRelaying && call.Bridge.Second.Media.IsRelaying);
        await Ears.ExpectAsync(
            "supervisor gone",
            AllTones,
            new Ear("caller", call.CallerPhone, [AgentTone], [CallerTone, SupervisorTone]),
            new Ear("agent", call.AgentPhone, [CallerTone], [AgentTone, SupervisorTone]));
        Assert.Throws<InvalidOperationException>(() => monitor.SetMode(MonitorMode.Listen));
    }

    [Fact]
    public async Task A_supervisor_listening_again_after_a_pause_hears_the_present_not_packets_kept_from_before()
    {
        await using var call = await StartAsync(SdpCodec.Pcmu, SdpCodec.Pcmu, SdpCodec.Pcmu);
        var relayed = call.Bridge.First;
        Assert.True(relayed.Media.IsRelaying);
        var before = new MixedToneProbe(8000, AllTones);
        using (relayed.Listen(before))
        {
            await CallLegTests.WaitUntil(() => before.FramesWith(CallerTone) >= 20);
        }

        // The caller's phone changes its tone while nobody decodes the relayed leg.
        using var change = new CancellationTokenSource();
        var prompt = call.CallerPhone.PlayAsync(Tones.Steady(SupervisorTone), change.Token);
        await Task.Delay(1000);
        var after = new MixedToneProbe(8000, AllTones);
        using (relayed.Listen(after))
        {
            await CallLegTests.WaitUntil(() => after.FramesWith(SupervisorTone) >= 20);
        }

        Assert.True(after.FramesWith(CallerTone) == 0, $"stale audio from before the pause: {after}");
        await change.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prompt);
    }

    internal static SdpCodec Codec(string name) => name switch
    {
        "PCMU" => SdpCodec.Pcmu,
        "PCMA" => SdpCodec.Pcma,
        "G722" => SdpCodec.G722,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
