using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Calls.Tests;

public class CallLegTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_side_hears_the_other_sides_tone_and_not_its_own(bool asyncReceiveLoops)
    {
        // Both receive paths: the engine's epoll poller (the default on Linux) and one async loop per socket.
        await using var engines = new Engines();
        var caller = await engines.StartAsync(new MediaSessionOptions { AsyncReceiveLoops = asyncReceiveLoops });
        var callee = await engines.StartAsync(new MediaSessionOptions { AsyncReceiveLoops = asyncReceiveLoops });
        Assert.Equal(asyncReceiveLoops, caller.MediaPoller is null);
        var incoming = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.IncomingCall += leg =>
        {
            leg.Ring();
            leg.Answer();
            incoming.TrySetResult(leg);
        };

        var outbound = caller.Dial(Engines.UriOf(callee, "service"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var inbound = await incoming.Task.WaitAsync(Timeout);
        Assert.Equal(CallDirection.Inbound, inbound.Direction);
        Assert.Equal("alice", inbound.RemoteNumber);
        Assert.Equal("service", inbound.LocalNumber);
        Assert.Equal("PCMU", outbound.Media.Codec!.EncodingName);

        var heardByCaller = new ToneProbe(8000, 600, 1000);
        var heardByCallee = new ToneProbe(8000, 600, 1000);
        using var l1 = outbound.Listen(heardByCaller);
        using var l2 = inbound.Listen(heardByCallee);
        using var h1 = outbound.Hear(Tones.Steady(1000));
        using var h2 = inbound.Hear(Tones.Steady(600));
        await WaitUntil(() => heardByCaller.FramesWith(600) > 40 && heardByCallee.FramesWith(1000) > 40);

        Assert.Equal(0, heardByCaller.FramesWith(1000));
        Assert.Equal(0, heardByCallee.FramesWith(600));
        var cause = await outbound.HangupAsync(16).WaitAsync(Timeout);
        var remoteCause = await inbound.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Local, cause.Party);
        Assert.Equal(CallEndParty.Remote, remoteCause.Party);
        Assert.Equal(16, remoteCause.Q850Cause);
        var stats = inbound.GetStatistics();
        Assert.True(stats.PacketsReceived > 40, $"received {stats.PacketsReceived}");
        Assert.InRange(stats.Mos, 4.0, 4.5);
    }

    [Fact]
    public async Task Busy_callee_fails_the_call_with_486_and_cause_17()
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync();
        var callee = await engines.StartAsync();
        callee.IncomingCall += leg => leg.Reject(486);

        var outbound = caller.Dial(Engines.UriOf(callee, "busy"), "<sip:alice@127.0.0.1>");
        var failure = await Assert.ThrowsAsync<CallFailedException>(() => outbound.WaitForAnswerAsync().WaitAsync(Timeout));
        Assert.Equal(486, failure.Cause.SipStatus);
        Assert.Equal(17, failure.Cause.Q850Cause);
        Assert.Equal(CallEndParty.Remote, failure.Cause.Party);
        Assert.Equal(CallLegState.Ended, outbound.State);
    }

    [Fact]
    public async Task An_offer_without_a_common_codec_gets_488()
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync(new MediaSessionOptions { Codecs = [SdpCodec.G722] });
        var callee = await engines.StartAsync(new MediaSessionOptions { Codecs = [SdpCodec.Pcma] });
        var offered = false;
        callee.IncomingCall += _ => offered = true;

        var outbound = caller.Dial(Engines.UriOf(callee, "x"), "<sip:alice@127.0.0.1>");
        var failure = await Assert.ThrowsAsync<CallFailedException>(() => outbound.WaitForAnswerAsync().WaitAsync(Timeout));
        Assert.Equal(488, failure.Cause.SipStatus);
        Assert.False(offered);
    }

    [Theory]
    [InlineData(false, DtmfSource.Rfc4733)]
    [InlineData(true, DtmfSource.SipInfo)]
    public async Task Digits_arrive_once_each_by_telephone_event_or_info(bool info, DtmfSource expected)
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync();
        var callee = await engines.StartAsync();
        var digits = new List<(char, DtmfSource)>();
        var incoming = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.IncomingCall += leg =>
        {
            leg.DtmfReceived += (_, d, s) => { lock (digits) { digits.Add((d, s)); } };
            leg.Answer();
            incoming.TrySetResult(leg);
        };

        var outbound = caller.Dial(Engines.UriOf(callee, "ivr"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        await incoming.Task.WaitAsync(Timeout);
        await outbound.SendDtmfAsync("12#*9", useSipInfo: info).WaitAsync(Timeout);
        await WaitUntil(() => { lock (digits) { return digits.Count >= 5; } });
        await Task.Delay(300);
        lock (digits)
        {
            Assert.Equal("12#*9", new string([.. digits.Select(d => d.Item1)]));
            Assert.All(digits, d => Assert.Equal(expected, d.Item2));
        }
    }

    [Fact]
    public async Task Digits_are_detected_in_band_when_telephone_events_are_not_agreed()
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync(new MediaSessionOptions { TelephoneEvents = false });
        var callee = await engines.StartAsync();
        var digits = new List<(char, DtmfSource)>();
        callee.IncomingCall += leg =>
        {
            leg.DtmfReceived += (_, d, s) => { lock (digits) { digits.Add((d, s)); } };
            leg.Answer();
        };

        var outbound = caller.Dial(Engines.UriOf(callee, "ivr"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        Assert.Null(outbound.Media.TelephoneEventPayloadType);
        await outbound.SendDtmfAsync("507").WaitAsync(Timeout);
        await WaitUntil(() => { lock (digits) { return digits.Count >= 3; } });
        lock (digits)
        {
            Assert.Equal("507", new string([.. digits.Select(d => d.Item1)]));
            Assert.All(digits, d => Assert.Equal(DtmfSource.InBand, d.Item2));
        }
    }

    [Fact]
    public async Task Hold_sends_sendonly_with_music_and_resume_restores_two_way_audio()
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync();
        var callee = await engines.StartAsync();
        var incoming = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.IncomingCall += leg => { leg.Answer(); incoming.TrySetResult(leg); };
        var outbound = caller.Dial(Engines.UriOf(callee, "agent"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var inbound = await incoming.Task.WaitAsync(Timeout);
        var held = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        outbound.RemoteHoldChanged += (_, h) => held.TrySetResult(h);

        // The callee (an agent's leg) holds the caller with music at 440 Hz.
        var callerHears = new ToneProbe(8000, 440, 600);
        using var listen = outbound.Listen(callerHears);
        using var calleeVoice = inbound.Hear(Tones.Steady(600));
        await inbound.HoldAsync(Tones.Steady(440)).WaitAsync(Timeout);
        Assert.True(await held.Task.WaitAsync(Timeout));
        Assert.Equal(SdpDirection.SendOnly, inbound.Media.Direction);
        Assert.Equal(SdpDirection.ReceiveOnly, outbound.Media.Direction);
        Assert.True(inbound.IsOnHold);
        var before440 = callerHears.FramesWith(440);
        await WaitUntil(() => callerHears.FramesWith(440) > before440 + 25);

        await inbound.ResumeAsync().WaitAsync(Timeout);
        Assert.Equal(SdpDirection.SendReceive, inbound.Media.Direction);
        Assert.False(inbound.IsOnHold);
        var after600 = callerHears.FramesWith(600);
        await WaitUntil(() => callerHears.FramesWith(600) > after600 + 25);
        await outbound.HangupAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Hold_right_after_answering_goes_out_once_the_ack_is_in()
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync();
        var callee = await engines.StartAsync();
        Task? hold = null;
        var incoming = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.IncomingCall += leg =>
        {
            // Still in the INVITE's event: the ACK cannot have been handled yet, so the leg is answering.
            leg.Answer();
            hold = leg.HoldAsync();
            incoming.TrySetResult(leg);
        };
        var held = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var outbound = caller.Dial(Engines.UriOf(callee, "agent"), "<sip:alice@127.0.0.1>");
        outbound.RemoteHoldChanged += (_, h) => held.TrySetResult(h);
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var inbound = await incoming.Task.WaitAsync(Timeout);

        await hold!.WaitAsync(Timeout); // it used to fail at once: "The leg is Setup; only a connected leg can be held"
        Assert.True(inbound.IsOnHold);
        Assert.True(await held.Task.WaitAsync(Timeout));
        Assert.Equal(SdpDirection.ReceiveOnly, outbound.Media.Direction);
        await outbound.HangupAsync().WaitAsync(Timeout);
    }

    internal static async Task WaitUntil(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not hold in time.");
            }

            await Task.Delay(50);
        }
    }
}
