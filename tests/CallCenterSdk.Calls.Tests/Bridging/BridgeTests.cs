using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Calls.Tests.Bridging;

public class BridgeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("PCMU", "PCMU", BridgeMode.Relay)]
    [InlineData("PCMU", "PCMA", BridgeMode.Transcode)]
    [InlineData("PCMA", "G722", BridgeMode.Transcode)]
    public async Task Caller_and_agent_hear_each_other_through_the_b2bua(string callerCodec, string agentCodec, BridgeMode expected)
    {
        await using var engines = new Engines();
        var (_, callerLeg, theAgent, b2bua) = await BridgedCall.StartAsync(
            engines, new MediaSessionOptions { Codecs = [Codec(callerCodec)] }, new MediaSessionOptions { Codecs = [Codec(agentCodec)] });
        Assert.Equal(expected, b2bua.Mode);

        var callerHears = new ToneProbe(callerLeg.Media.Format.SampleRate, 600, 1000);
        var agentHears = new ToneProbe(theAgent.Media.Format.SampleRate, 600, 1000);
        using var l1 = callerLeg.Listen(callerHears);
        using var l2 = theAgent.Listen(agentHears);
        using var h1 = callerLeg.Hear(Tones.Steady(1000, callerLeg.Media.Format.SampleRate));
        using var h2 = theAgent.Hear(Tones.Steady(600, theAgent.Media.Format.SampleRate));
        await CallLegTests.WaitUntil(() => callerHears.FramesWith(600) > 40 && agentHears.FramesWith(1000) > 40);
        Assert.Equal(0, callerHears.FramesWith(1000));
        Assert.Equal(0, agentHears.FramesWith(600));
        if (expected == BridgeMode.Relay)
        {
            Assert.True(b2bua.First.Media.RelayedPackets > 40);
        }

        // The caller hangs up: the b2bua hangs up the agent with the same cause.
        await callerLeg.HangupAsync(16).WaitAsync(Timeout);
        var agentEnd = await theAgent.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, agentEnd.Party);
        Assert.Equal(16, agentEnd.Q850Cause);
    }

    private static SdpCodec Codec(string name) => name switch
    {
        "PCMU" => SdpCodec.Pcmu,
        "PCMA" => SdpCodec.Pcma,
        "G722" => SdpCodec.G722,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
