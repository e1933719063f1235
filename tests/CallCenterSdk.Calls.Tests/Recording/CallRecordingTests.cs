using System.Diagnostics;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.Recording;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Calls.Tests.Recording;

public sealed class CallRecordingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("callsa-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_relayed_bridge_is_recorded_caller_left_agent_right_for_the_span_recorded_and_stopping_mid_call_closes_the_file()
    {
        await using var engines = new Engines();
        var call = await BridgedCall.StartAsync(engines);
        Assert.Equal(BridgeMode.Relay, call.Bridge.Mode);
        using var h1 = call.Caller.Hear(Tones.Steady(1000));
        using var h2 = call.Agent.Hear(Tones.Steady(600));
        await Task.Delay(500); // audio flowing before the recording starts: it starts mid-call

        var path = Path.Combine(_dir, "bridge.wav");
        var watch = Stopwatch.StartNew();
        var recording = CallRecording.Start(call.Pbx.Clock, call.Bridge, path);
        await Task.Delay(2500);
        await recording.StopAsync().WaitAsync(Timeout);
        watch.Stop();

        // Stopped mid-call: both legs still talk through the bridge.
        Assert.Equal(CallLegState.Connected, call.Caller.State);
        Assert.Equal(CallLegState.Connected, call.Agent.State);
        Assert.True(call.Bridge.First.Media.RelayedPackets > 100);

        var wav = StereoWav.Read(path);
        Assert.Equal(2, wav.Format.Channels);
        Assert.Equal(8000, wav.Format.SampleRate);
        Assert.Equal(wav.Frames, wav.DeclaredFrames);
        Assert.Equal(recording.Duration.TotalSeconds, wav.Duration.TotalSeconds, 3);
        Assert.InRange(wav.Duration.TotalSeconds, watch.Elapsed.TotalSeconds - 0.5, watch.Elapsed.TotalSeconds + 0.1);
        var left = wav.Probe(0, 1000, 600);
        var right = wav.Probe(1, 1000, 600);
        var frames = wav.Frames / 160;

        // Recording starts a fresh jitter buffer on each leg (it fills before it plays) and a loaded machine
        // delays packets: most frames, not all, carry the tone; the other channel's tone must never leak in.
        Assert.True(left.FramesWith(1000) > frames * 0.6, $"caller channel: {left.FramesWith(1000)} of {frames} frames at 1000 Hz");
        Assert.True(right.FramesWith(600) > frames * 0.6, $"agent channel: {right.FramesWith(600)} of {frames} frames at 600 Hz");
        Assert.Equal(0, left.FramesWith(600));
        Assert.Equal(0, right.FramesWith(1000));
        Assert.Equal(0, recording.DroppedFrames);
    }

    [Fact]
    public async Task Legs_at_8_and_16_kHz_are_recorded_at_16_kHz_and_paused_time_is_left_out()
    {
        await using var engines = new Engines();
        var call = await BridgedCall.StartAsync(
            engines,
            new MediaSessionOptions { Codecs = [SdpCodec.Pcmu] },
            new MediaSessionOptions { Codecs = [SdpCodec.G722] });
        Assert.Equal(BridgeMode.Transcode, call.Bridge.Mode);
        Assert.Equal(16000, call.Agent.Media.Format.SampleRate);
        using var h1 = call.Caller.Hear(Tones.Steady(1000));
        using var h2 = call.Agent.Hear(Tones.Steady(600, 16000));

        var path = Path.Combine(_dir, "mixed.wav");
        var watch = Stopwatch.StartNew();
        var recording = CallRecording.Start(call.Pbx.Clock, call.PbxCaller, call.PbxAgent, path);
        await Task.Delay(1500);
        recording.Pause();
        var pausedAt = watch.Elapsed;
        await Task.Delay(1500);
        var paused = watch.Elapsed - pausedAt;
        recording.Resume();
        await Task.Delay(1000);
        await recording.StopAsync().WaitAsync(Timeout);
        var recorded = watch.Elapsed - paused;

        var wav = StereoWav.Read(path);
        Assert.Equal(16000, wav.Format.SampleRate);
        Assert.Equal(wav.Frames, wav.DeclaredFrames);
        Assert.InRange(wav.Duration.TotalSeconds, recorded.TotalSeconds - 0.6, recorded.TotalSeconds + 0.2);
        var left = wav.Probe(0, 1000, 600);
        var right = wav.Probe(1, 1000, 600);
        var frames = wav.Frames / 320;
        Assert.True(left.FramesWith(1000) > frames * 0.6, $"caller channel: {left.FramesWith(1000)} of {frames} frames at 1000 Hz");
        Assert.True(right.FramesWith(600) > frames * 0.6, $"agent channel: {right.FramesWith(600)} of {frames} frames at 600 Hz");
        Assert.Equal(0, left.FramesWith(600));
        Assert.Equal(0, right.FramesWith(1000));
    }

    [Fact]
    public async Task The_recording_stops_and_closes_when_a_leg_hangs_up()
    {
        await using var engines = new Engines();
        var call = await BridgedCall.StartAsync(engines);
        using var h1 = call.Caller.Hear(Tones.Steady(1000));
        var path = Path.Combine(_dir, "hangup.wav");
        var recording = CallRecording.Start(call.Pbx.Clock, call.Bridge, path);
        await Task.Delay(1000);
        await call.Caller.HangupAsync().WaitAsync(Timeout);
        await recording.Completion.WaitAsync(Timeout);
        Assert.True(recording.IsStopped);

        var wav = StereoWav.Read(path);
        Assert.Equal(wav.Frames, wav.DeclaredFrames);
        Assert.InRange(wav.Duration.TotalSeconds, 0.7, 3);
        Assert.True(wav.Probe(0, 1000).FramesWith(1000) > 25);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_clearly()
    {
        await using var engines = new Engines();
        var call = await BridgedCall.StartAsync(engines);
        Assert.Throws<ArgumentException>(() => CallRecording.Start(call.Pbx.Clock, call.PbxCaller, call.PbxCaller, Path.Combine(_dir, "x.wav")));
        Assert.Throws<ArgumentException>(() => CallRecording.Start(call.Pbx.Clock, call.PbxCaller, call.PbxAgent, Path.Combine(_dir, "y.wav"), new CallRecordingOptions { SampleRate = 8001 }));
        Assert.ThrowsAny<IOException>(() => CallRecording.Start(call.Pbx.Clock, call.Bridge, Path.Combine(_dir, "missing", "z.wav")));
    }
}
