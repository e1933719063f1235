using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Calls.Transfer;

namespace CallCenterSdk.Calls.Tests.Transfer;

/// <summary>Transfer against a real phone: baresip (peers.md section 2) takes our REFER and calls the target itself.</summary>
public sealed class BaresipTransferTests
{
    private const double BaresipTone = 700;
    private const double CarolTone = 800;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Baresip_follows_our_blind_transfer_and_reports_progress_in_notifies()
    {
        await using var engines = new Engines();
        var server = await engines.StartAsync();
        var carol = await TransferablePhone.StartAsync(engines, "carol", CarolTone);
        await using var baresip = await BaresipPeer.StartAsync(BaresipTone, 15, rtpPortPairs: 2);
        var leg = server.Dial(baresip.Uri, "<sip:server@127.0.0.1>");
        await leg.WaitForAnswerAsync().WaitAsync(Timeout);

        var result = await new TransferService(server) { Timeout = Timeout }.BlindTransferAsync(leg, carol.Uri).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Succeeded, $"{result.Outcome}: {result.Reason}\n{baresip.Output}");
        Assert.Equal(202, result.ReferStatus);
        Assert.Contains(200, result.Progress);
        await leg.Completion.WaitAsync(Timeout);
        var carolLeg = await carol.Offered.WaitAsync(Timeout);
        Assert.Equal("bob", carolLeg.RemoteNumber);
        await CallLegTests.WaitUntil(() => carol.Hears.FramesWith(BaresipTone) > 50, 15);
    }
}
