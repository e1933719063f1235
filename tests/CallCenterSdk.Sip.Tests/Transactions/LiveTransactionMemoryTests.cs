using System.Net;
using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using Xunit.Abstractions;

namespace CallCenterSdk.Sip.Tests.Transactions;

/// <summary>
/// 100,000 live server transactions in one <see cref="TransactionLayer"/>: what each costs in managed memory
/// (measured after full collections, so it runs alone), and that the timer wheel carries their 200,000 timers
/// to the end. The figures go to the test output and docs/sip-core.md.
/// </summary>
[Collection(ProcessWideMeasurements.Name)]
public sealed class LiveTransactionMemoryTests(ITestOutputHelper output)
{
    private const int Live = 100_000;

    [Fact]
    public void Hundred_thousand_live_server_invite_transactions_cost_under_1_5_kb_each_and_all_end_on_timer_h()
    {
        var source = new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
        var invites = new SipRequest[Live];
        var busy = new SipResponse[Live];
        for (var i = 0; i < Live; i++)
        {
            var text = $"INVITE sip:bob@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-live-{i};rport\r\n" +
                       $"Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a{i}\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: live-{i}@127.0.0.1\r\n" +
                       "CSeq: 1 INVITE\r\nContact: <sip:alice@127.0.0.1:5070>\r\nContent-Length: 0\r\n\r\n";
            invites[i] = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
            busy[i] = (SipResponse)SipMessageBuilder.CreateResponse(invites[i], 486, toTag: "b" + i).Build();
        }

        var events = new List<TransactionEvent>(Live);
        var outbox = new List<OutgoingMessage>(Live);
        var parsed = LiveBytes();

        // The layer reads the typed top Via of each request (branch, sent-by), which the message then caches.
        for (var i = 0; i < Live; i++)
        {
            _ = invites[i].TopVia;
        }

        var baseline = LiveBytes();
        var viaCache = (baseline - parsed) / (double)Live;

        // Every INVITE makes a server transaction that answers 100 Trying at once (Proceeding, as while ringing).
        var layer = new TransactionLayer(new SipTimerSettings(), 0);
        for (var i = 0; i < Live; i++)
        {
            layer.ReceiveRequest(invites[i], source, 0);
        }

        layer.DrainEvents(events);
        layer.DrainOutbox(outbox);
        Assert.Equal(Live, layer.ServerCount);
        Assert.Equal(Live, events.Count);
        outbox.Clear();
        var proceeding = (LiveBytes() - baseline) / (double)Live;

        // Each is refused with 486: Completed, with Timer G (retransmit) and Timer H (give up) on the wheel.
        for (var i = 0; i < Live; i++)
        {
            layer.SendResponse((ServerTransaction)events[i].Transaction!, busy[i], 0);
        }

        layer.DrainOutbox(outbox);
        Assert.Equal(Live, outbox.Count);
        outbox.Clear();
        var completed = (LiveBytes() - baseline) / (double)Live;
        output.WriteLine($"{Live:N0} server INVITE transactions, managed bytes each: {proceeding:N0} after the automatic 100 Trying " +
                         $"(Proceeding), {completed:N0} refused with 486 (Completed, Timers G and H live); plus {viaCache:N0} for the " +
                         "typed top Via cached on the request; the request itself not counted");

        // The request message (kept by the transaction) is not counted: it exists whether or not a transaction does.
        // Measured 1,250 and 523 bytes (and 791 for the Via) at commit 10810c3; the bounds leave about 20 % for drift.
        Assert.InRange(viaCache, 100, 1024);
        Assert.InRange(proceeding, 100, 1536);
        Assert.InRange(completed, 100, 640);

        // The wheel carries all 200,000 timers: G retransmits at 0.5, 1.5, 3.5 ... s and H ends every one at 64*T1.
        for (long now = 10; now <= 32_000; now += 10)
        {
            layer.Advance(now);
            layer.DrainOutbox(outbox);
            outbox.Clear();
        }

        Assert.Equal(0, layer.ServerCount);
        Assert.Equal(Live, layer.Statistics.Timeouts);
        Assert.Equal(10L * Live, layer.Statistics.Retransmissions); // G at 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s
        GC.KeepAlive(invites);
        GC.KeepAlive(busy);
    }

    private static long LiveBytes()
    {
        // Full, compacting collections until the heap settles; only this test runs meanwhile.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
