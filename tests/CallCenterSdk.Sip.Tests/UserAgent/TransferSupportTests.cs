using System.Globalization;
using System.Net;
using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.UserAgent;

/// <summary>What transfer needs from the user agent: REFER outcomes, URI headers on INVITE, Replaces matching.</summary>
public sealed class TransferSupportTests : UserAgentHarness
{
    [Theory]
    [InlineData(202)]
    [InlineData(603)]
    public async Task Send_request_async_completes_with_the_final_response_of_a_refer(int code)
    {
        var (session, _, _) = await EstablishAsync();
        var pending = session.SendRequestAsync(SipMethod.Refer, [new("Refer-To", "<sip:agent-9@127.0.0.1>")]);
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Refer);
        var refer = (SipRequest)message;
        Assert.Equal("sip:agent-9@127.0.0.1", refer.ReferTo!.Uri.ToString());
        Assert.False(pending.IsCompleted);
        await Peer.RespondAsync(refer, from, 100, "peer-tag");
        await Task.Delay(100);
        Assert.False(pending.IsCompleted); // a provisional is not the outcome
        await Peer.RespondAsync(refer, from, code, "peer-tag");
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(code, response.StatusCode);
    }

    [Fact]
    public async Task Headers_of_the_target_uri_become_headers_of_the_invite_and_leave_the_request_uri()
    {
        var target = SipUri.Parse($"sip:c@127.0.0.1:{Peer.Port}?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2&Subject=hello&Call-ID=evil&Route=%3Csip:evil.example%3E");
        var session = Agent.PlaceCall(target, NameAddress.Parse("<sip:ua@127.0.0.1>"), new SipEndpoint(SipTransportProtocol.Udp, Peer.EndPoint), "application/sdp", Encoding.ASCII.GetBytes(Sdp));
        var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Ended += (_, r) => ended.TrySetResult(r);
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 486, "c-tag");
        Assert.Equal(486, (await ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode);
        Assert.Equal($"sip:c@127.0.0.1:{Peer.Port}", invite.RequestUri.ToString());
        Assert.Equal($"sip:c@127.0.0.1:{Peer.Port}", invite.To.Uri.ToString());
        Assert.Equal("abc@host", invite.Replaces!.CallId);
        Assert.Equal("1", invite.Replaces.ToTag);
        Assert.Equal("2", invite.Replaces.FromTag);
        Assert.Equal("hello", invite.Subject);
        Assert.Equal(session.CallId, invite.CallId); // a URI may not set Call-ID (RFC 3261 §19.1.5)
        Assert.NotEqual("evil", invite.CallId);
        Assert.Empty(invite.Routes); // nor Route: a Refer-To must not steer our request elsewhere
    }

    [Fact]
    public async Task Invite_with_replaces_naming_our_dialog_surfaces_with_the_replaced_session()
    {
        var (session, invite, _) = await EstablishAsync();
        InviteSession? incoming = null;
        Agent.IncomingCall += s => incoming = s;

        // RFC 3891 §3: to-tag is our tag, from-tag the peer's.
        await Peer.SendAsync(InviteWithReplaces($"{invite.CallId};to-tag={invite.FromTag};from-tag=peer-tag", "r1"), Ours);
        await WaitUntilAsync(() => incoming is not null);
        Assert.Same(session, incoming!.ReplacedSession);
    }

    [Fact]
    public async Task Invite_with_replaces_may_name_an_early_dialog_of_a_call_we_placed()
    {
        var session = Call();
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 180, "early-tag");
        await WaitUntilAsync(() => session.State == InviteSessionState.Early);
        InviteSession? incoming = null;
        Agent.IncomingCall += s => incoming = s;

        await Peer.SendAsync(InviteWithReplaces($"{invite.CallId};to-tag={invite.FromTag};from-tag=early-tag", "r3"), Ours);
        await WaitUntilAsync(() => incoming is not null);
        Assert.Same(session, incoming!.ReplacedSession);
        Assert.Null(Agent.FindSession(invite.CallId, invite.FromTag!, "other-fork"));
    }

    [Theory]
    [InlineData("to-tag=wrong;from-tag=peer-tag", 481)]
    [InlineData("to-tag={0};from-tag=peer-tag;early-only", 486)]
    public async Task Invite_with_replaces_that_cannot_apply_is_refused(string parameters, int expected)
    {
        var (_, invite, _) = await EstablishAsync();
        var offered = false;
        Agent.IncomingCall += _ => offered = true;
        await Peer.SendAsync(InviteWithReplaces(invite.CallId + ";" + string.Format(CultureInfo.InvariantCulture, parameters, invite.FromTag), "r2"), Ours);
        var response = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CallId: "replacing@peer", StatusCode: >= 200 })).Message;
        Assert.Equal(expected, response.StatusCode);
        Assert.False(offered);
    }

    [Fact]
    public async Task Find_session_ignores_ended_dialogs()
    {
        var (session, invite, _) = await EstablishAsync();
        Assert.Same(session, Agent.FindSession(invite.CallId, invite.FromTag!, "peer-tag"));
        Assert.Null(Agent.FindSession(invite.CallId, "peer-tag", invite.FromTag!)); // tags the wrong way round
        session.Hangup();
        Assert.Null(Agent.FindSession(invite.CallId, invite.FromTag!, "peer-tag"));
    }

    [Fact]
    public async Task Cancel_carries_the_reason_given_to_hangup()
    {
        var session = Call();
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        await Peer.RespondAsync((SipRequest)message, from, 180, "ringing");
        await Task.Delay(100);
        session.Hangup("Q.850;cause=26;text=\"Call completed elsewhere\"");
        var cancel = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Cancel)).Message;
        Assert.Equal(26, Assert.Single(cancel.Reasons).Cause); // RFC 3326 §2
        await Peer.RespondAsync(cancel, from, 200, "ringing");
        await Peer.RespondAsync((SipRequest)message, from, 487, "ringing");
        await WaitUntilAsync(() => session.State == InviteSessionState.Terminated);
    }

    private SipRequest InviteWithReplaces(string replaces, string branch) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
        $"INVITE sip:ua@127.0.0.1:{Ours.Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{Peer.Port};branch=z9hG4bK-{branch};rport\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:c@127.0.0.1>;tag=c-tag\r\nTo: <sip:ua@127.0.0.1>\r\nCall-ID: replacing@peer\r\nCSeq: 1 INVITE\r\n" +
        $"Contact: <sip:c@127.0.0.1:{Peer.Port}>\r\nReplaces: {replaces}\r\nContent-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}"));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }
}
