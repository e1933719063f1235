using CallCenterSdk.Testing;

namespace CallCenterSdk.Sip.Tests.Interop;

/// <summary>Under 10% packet loss in both directions, calls still complete through retransmissions (RFC 3261 §17).</summary>
[Collection("interop")]
public class PacketLossTests
{
    [Fact]
    public async Task Sipp_calls_complete_through_ten_percent_loss_both_ways()
    {
        using var network = LossyNetwork.Create(lossPercent: 10, fromPort: 5000);
        await using var uas = await Samples.StartAsync("SipUas", ["--host", network.AddressB, "--port", "5080", "--transport", "udp"], TimeSpan.FromSeconds(30), netns: network.HostB);
        await using var sipp = PeerProcess.Start(NativeTool.Require("ip", "iproute2"),
            ["netns", "exec", network.HostA, Sipp.Executable, "-sn", "uac", $"{network.AddressB}:5080", "-i", network.AddressA, "-p", "5070",
             "-r", "5", "-m", "30", "-timeout", "90s", "-recv_timeout", "20000", "-nostdin"]);
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(120));
        var result = Sipp.Parse(exit, sipp.StandardOutput, sipp.StandardError);
        Assert.True(exit == 0 && result.SuccessfulCalls == 30 && result.FailedCalls == 0, result.ToString());
        // The loss was real: both hosts dropped datagrams.
        Assert.True(network.DroppedIn(network.HostA) > 0, "no datagram dropped towards sipp");
        Assert.True(network.DroppedIn(network.HostB) > 0, "no datagram dropped towards our UAS");
    }
}
