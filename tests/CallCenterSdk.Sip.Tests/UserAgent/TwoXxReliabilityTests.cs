using System.Net;
using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Sip.Tests.UserAgent;

/// <summary>
/// RFC 3261 §13.3.1.4 and §13.2.2.4 on a fake clock: the UAS core retransmits its 2xx at T1 doubling to T2 until
/// the ACK and gives up with BYE 64*T1 after the first; the UAC acknowledges every retransmission of the 2xx, also
/// after its INVITE transaction ended. Only the clock is fake; messages travel over real loopback UDP.
/// </summary>
public sealed class TwoXxReliabilityTests : UserAgentHarness
{
    public TwoXxReliabilityTests()
        : base(new SipUserAgentOptions { ContactUser = "ua" }, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)))
    {
    }

    private FakeTimeProvider Clock => (FakeTimeProvider)Time!;

    /// <summary>Milliseconds since the 2xx was first sent.</summary>
    private long _elapsedMs;

    private void AdvanceTo(long ms)
    {
        Clock.Advance(TimeSpan.FromMilliseconds(ms - _elapsedMs));
        _elapsedMs = ms;
    }

    private async Task<(InviteSession Session, SipRequest Invite, SipResponse Ok)> IncomingCallAnsweredAsync()
    {
        var answered = new TaskCompletionSource<InviteSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        Agent.IncomingCall += s =>
        {
            s.Answer("application/sdp", Encoding.ASCII.GetBytes(Sdp));
            answered.TrySetResult(s);
        };
        var text =
            $"INVITE sip:ua@127.0.0.1:{Ours.Port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{Peer.Port};branch=z9hG4bK-2xx-{Guid.NewGuid():N};rport\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1>;tag=peer-tag\r\nTo: <sip:ua@127.0.0.1>\r\n" +
            "Call-ID: reliability-1\r\nCSeq: 7 INVITE\r\n" +
            $"Contact: <sip:peer@127.0.0.1:{Peer.Port}>\r\nContent-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}";
        var invite = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        await Peer.SendAsync(invite, Ours);
        var session = await answered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var ok = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { StatusCode: 200 })).Message;
        return (session, invite, ok);
    }

    private Task<bool> NoOkAsync() => Peer.NothingArrivesAsync(m => m is SipResponse { StatusCode: 200 }, 80);

    [Fact]
    public async Task Uas_retransmits_its_200_at_t1_doubling_to_t2_and_ends_with_bye_64_t1_after_without_an_ack()
    {
        var (session, _, ok) = await IncomingCallAnsweredAsync();
        var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Ended += (_, r) => ended.TrySetResult(r);

        // 500 ms, then 1, 2, 4 s and 4 s (T2) apart: 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s after the first 200.
        long[] expected = [500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500];
        foreach (var at in expected)
        {
            AdvanceTo(at - 1);
            Assert.True(await NoOkAsync(), $"a 200 before {at} ms");
            AdvanceTo(at);
            var again = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { StatusCode: 200 })).Message;
            Assert.Equal(ok.ToTag, again.ToTag);
            Assert.Equal(ok.CSeq, again.CSeq);
            Assert.True(ok.Body.Span.SequenceEqual(again.Body.Span));
            Assert.Equal(InviteSessionState.Answering, session.State);
        }

        // Each of them counted as a retransmission (sip.retransmissions), nothing else was.
        Assert.Equal(expected.Length, Stack.Statistics.Retransmissions);

        // 64*T1 = 32 s after the first 200 without an ACK: no more 200, a BYE in the confirmed dialog (§13.3.1.4).
        AdvanceTo(31_999);
        Assert.True(await Peer.NothingArrivesAsync(m => m is SipRequest { Method.Name: "BYE" }, 80));
        AdvanceTo(32_000);
        var bye = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Bye)).Message;
        Assert.Equal("peer-tag", bye.ToTag);
        Assert.Equal(ok.ToTag, bye.FromTag);
        var reason = await ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((SessionEndKind.Failed, 408), (reason.Kind, reason.StatusCode));
        AdvanceTo(40_000);
        Assert.True(await NoOkAsync());
    }

    [Fact]
    public async Task Uas_stops_retransmitting_when_the_ack_arrives_and_the_call_stays_up()
    {
        var (session, invite, ok) = await IncomingCallAnsweredAsync();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        AdvanceTo(500);
        await Peer.ReceiveAsync(m => m is SipResponse { StatusCode: 200 });

        var ack = SipMessageBuilder.Request(SipMethod.Ack, invite.RequestUri)
            .AddHeader("Via", $"SIP/2.0/UDP 127.0.0.1:{Peer.Port};branch=z9hG4bK-ack-{Guid.NewGuid():N};rport")
            .AddHeader("Max-Forwards", "70")
            .AddHeader("From", invite.Headers["From"]!)
            .AddHeader("To", $"<sip:ua@127.0.0.1>;tag={ok.ToTag}")
            .AddHeader("Call-ID", invite.CallId)
            .AddHeader("CSeq", "7 ACK")
            .Build();
        await Peer.SendAsync(ack, Ours);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));

        for (var at = 1000; at <= 40_000; at += 500)
        {
            AdvanceTo(at);
        }

        Assert.True(await Peer.NothingArrivesAsync(m => m is SipResponse { StatusCode: 200 } || m is SipRequest { Method.Name: "BYE" }, 300));
        Assert.Equal(InviteSessionState.Established, session.State);
        Assert.Equal(1, Stack.Statistics.Retransmissions);
    }

    [Fact]
    public async Task Uac_acknowledges_each_retransmitted_2xx_during_and_after_its_invite_transaction()
    {
        var (session, invite, from) = await EstablishAsync();
        var ok = SipMessageBuilder.CreateResponse(invite, 200, toTag: "peer-tag")
            .AddHeader("Contact", $"<sip:peer@127.0.0.1:{Peer.Port}>")
            .SetBody("application/sdp", Encoding.ASCII.GetBytes(Sdp))
            .Build();

        // In the client transaction's Accepted state (RFC 6026 §7.2) the 2xx reaches the TU, which ACKs again.
        await Peer.SendAsync(ok, from);
        var second = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        Assert.Equal((invite.CSeq.Number, "peer-tag", invite.CallId), (second.CSeq.Number, second.ToTag, second.CallId));

        // Timer M (64*T1) ends the transaction; a late 2xx is then a stray response, still acknowledged (§13.2.2.4).
        AdvanceTo(32_010);
        Assert.Equal(0, Stack.TransactionCount);
        await Peer.SendAsync(ok, from);
        var third = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        Assert.Equal((invite.CSeq.Number, "peer-tag"), (third.CSeq.Number, third.ToTag));
        Assert.Equal(InviteSessionState.Established, session.State);
        Assert.True(await Peer.NothingArrivesAsync(m => m is SipRequest { Method.Name: "BYE" }, 200));
    }
}
