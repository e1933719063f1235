using System.Globalization;
using System.Net;
using System.Text;
using CallCenterSdk.Sip.Dialogs;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.UserAgent;

public sealed class InviteSessionTests : UserAgentHarness
{
    [Fact]
    public async Task Second_fork_2xx_is_acknowledged_and_released_with_bye()
    {
        var session = Call();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 180, "fork-a");
        await Peer.RespondAsync(invite, from, 180, "fork-b");
        await Peer.RespondAsync(invite, from, 200, "fork-a", Sdp);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("fork-a", session.Dialog!.RemoteTag);
        var ackA = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        Assert.Equal("fork-a", ackA.ToTag);

        await Peer.RespondAsync(invite, from, 200, "fork-b", Sdp);
        var ackB = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        var byeB = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Bye)).Message;
        Assert.Equal("fork-b", ackB.ToTag);
        Assert.Equal("fork-b", byeB.ToTag); // §13.2.2.4: the extra dialog is ended, ours stays up
        Assert.Equal(InviteSessionState.Established, session.State);
    }

    [Fact]
    public async Task Hangup_before_answer_cancels_and_the_487_is_acknowledged()
    {
        var session = Call();
        var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Ended += (_, r) => ended.TrySetResult(r);
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 180, "ringing");
        await Task.Delay(100);
        session.Hangup();
        var cancel = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Cancel)).Message;
        Assert.Equal(invite.TopVia.Branch, cancel.TopVia.Branch);
        await Peer.RespondAsync(cancel, from, 200, "ringing");
        await Peer.RespondAsync(invite, from, 487, "ringing");
        var ack = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        Assert.Equal(invite.TopVia.Branch, ack.TopVia.Branch); // non-2xx ACK is part of the INVITE transaction
        var reason = await ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SessionEndKind.LocalRejected, reason.Kind);
        Assert.Equal(487, reason.StatusCode);
    }

    [Fact]
    public async Task Hangup_before_any_response_sends_one_cancel_on_the_first_provisional()
    {
        var session = Call();
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        session.Hangup(); // nothing received yet: the CANCEL must wait (§9.1)
        await Task.Delay(200);
        await Peer.RespondAsync(invite, from, 100, "unused");
        var cancel = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Cancel)).Message;
        Assert.Equal(invite.TopVia.Branch, cancel.TopVia.Branch);
        await Peer.RespondAsync(invite, from, 180, "ring");
        await Peer.RespondAsync(cancel, from, 200, "ring");
        await Peer.RespondAsync(invite, from, 487, "ring");
        await Peer.ReceiveRequestAsync(SipMethod.Ack);
        // Exactly one CANCEL, although two provisional responses arrived.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Peer.ReceiveAsync(m => m is SipRequest r && r.Method == SipMethod.Cancel, timeoutMs: 700));
    }

    [Fact]
    public async Task Hangups_racing_on_many_threads_send_one_cancel()
    {
        // A caller's hang-up and the transport thread's provisional can both find the CANCEL due at once; the second
        // used to throw "a client transaction with branch ... and method CANCEL already exists".
        for (var round = 0; round < 10; round++)
        {
            var session = Call();
            var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
            var invite = (SipRequest)message;
            await Peer.RespondAsync(invite, from, 180, "ring");
            while (session.State != InviteSessionState.Early)
            {
                await Task.Delay(5);
            }

            await RunAtOnceAsync(Enumerable.Repeat<Action>(() => session.Hangup(), 8));
            var cancel = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Cancel)).Message;
            Assert.Equal(invite.TopVia.Branch, cancel.TopVia.Branch);
            await Peer.RespondAsync(cancel, from, 200, "ring");
            await Peer.RespondAsync(invite, from, 487, "ring");
            await Peer.ReceiveRequestAsync(SipMethod.Ack);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Peer.ReceiveAsync(m => m is SipRequest r && r.Method == SipMethod.Cancel, timeoutMs: 200));
        }
    }

    [Fact]
    public async Task Hangups_racing_on_an_answered_call_send_one_bye()
    {
        var (session, _, from) = await EstablishAsync();
        await RunAtOnceAsync(Enumerable.Repeat<Action>(() => session.Hangup(), 8));
        var bye = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Bye)).Message;
        await Peer.RespondAsync(bye, from, 200, bye.ToTag!);
        Assert.Equal(InviteSessionState.Terminated, session.State);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Peer.ReceiveAsync(m => m is SipRequest r && r.Method == SipMethod.Bye, timeoutMs: 500));
    }

    [Fact]
    public async Task Update_with_an_offer_is_answered_in_its_200_and_refreshes_the_target()
    {
        var (session, invite, from) = await EstablishAsync();
        var holdAnswer = Sdp.Replace("m=audio", "a=recvonly\r\nm=audio", StringComparison.Ordinal);
        session.ReInviteHandler = (_, _) => Encoding.ASCII.GetBytes(holdAnswer);
        await Peer.SendAsync(PeerInDialogRequest(invite, "UPDATE", 20, body: Sdp.Replace("m=audio", "a=sendonly\r\nm=audio", StringComparison.Ordinal), contentType: "application/sdp"), from);
        var ok = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Number: 20 })).Message;
        Assert.Equal(200, ok.StatusCode);
        Assert.Contains("a=recvonly", Encoding.ASCII.GetString(ok.Body.Span), StringComparison.Ordinal);
        Assert.Contains("a=sendonly", Encoding.ASCII.GetString(session.RemoteBody.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refer_goes_to_the_in_dialog_handler_and_notify_can_report_progress()
    {
        var (session, invite, from) = await EstablishAsync();
        SipRequest? refer = null;
        session.InDialogRequestHandler = (_, request) => { refer = request; return 202; };
        var text = Encoding.ASCII.GetString(PeerInDialogRequest(invite, "REFER", 30).Bytes.Span)
            .Replace("Content-Length: 0", "Refer-To: <sip:agent-7@127.0.0.1>\r\nContent-Length: 0", StringComparison.Ordinal);
        await Peer.SendAsync(SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text)), from);
        Assert.Equal(202, ((SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Number: 30 })).Message).StatusCode);
        Assert.Equal("sip:agent-7@127.0.0.1", refer!.ReferTo!.Uri.ToString());

        session.SendRequest(SipMethod.Notify, [new("Event", "refer"), new("Subscription-State", "terminated;reason=noresource")],
            "message/sipfrag", Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\n"));
        var notify = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Notify)).Message;
        Assert.Equal("refer", notify.Event!.Package);
        Assert.Equal("peer-tag", notify.ToTag);
        Assert.Equal("SIP/2.0 200 OK\r\n", Encoding.ASCII.GetString(notify.Body.Span));
    }

    [Fact]
    public async Task Each_fork_provisional_makes_its_own_early_dialog_and_the_answering_one_is_confirmed()
    {
        var session = Call();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 180, "fork-1");
        await Peer.RespondAsync(invite, from, 183, "fork-2", Sdp);
        await WaitUntilAsync(() => session.EarlyDialogs.Count == 2);
        await Peer.RespondAsync(invite, from, 200, "fork-2", Sdp);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Same(session.EarlyDialogs["fork-2"], session.Dialog);
        Assert.Equal(DialogState.Confirmed, session.Dialog!.State);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Redirect_3xx_is_followed_to_its_contact_with_the_same_call_id()
    {
        using var second = new ScriptedPeer();
        var session = Call();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 302, "moved", contact: $"<sip:moved@127.0.0.1:{second.Port}>");
        Assert.Equal(SipMethod.Ack, ((SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message).Method);

        var (message2, from2) = await second.ReceiveRequestAsync(SipMethod.Invite);
        var redirected = (SipRequest)message2;
        Assert.Equal($"sip:moved@127.0.0.1:{second.Port}", Encoding.ASCII.GetString(redirected.RequestUriBytes));
        Assert.Equal(invite.CallId, redirected.CallId);
        Assert.Equal(invite.FromTag, redirected.FromTag);
        Assert.Equal(invite.CSeq.Number + 1, redirected.CSeq.Number);
        await second.RespondAsync(redirected, from2, 200, "answered", Sdp);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("answered", session.Dialog!.RemoteTag);
    }

    [Fact]
    public async Task Cancel_racing_a_200_acknowledges_the_200_and_ends_the_call_with_bye()
    {
        var session = Call();
        var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Ended += (_, r) => ended.TrySetResult(r);
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 180, "race");
        await Task.Delay(100);
        session.Hangup();
        var cancel = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Cancel)).Message;
        // The callee answered before the CANCEL arrived: 200 to the CANCEL, but the INVITE got its 200 (§9.1).
        await Peer.RespondAsync(cancel, from, 200, "race");
        await Peer.RespondAsync(invite, from, 200, "race", Sdp);
        var ack = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        var bye = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Bye)).Message;
        Assert.Equal("race", ack.ToTag);
        Assert.Equal("race", bye.ToTag);
        Assert.Equal(SessionEndKind.LocalHangup, (await ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).Kind);
    }

    [Fact]
    public async Task Request_too_large_for_udp_goes_over_tcp()
    {
        // A server listens on one port for UDP and TCP, so the switch to TCP reaches it.
        var calleePort = CallCenterSdk.Testing.FreePort.Next();
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, calleePort)));
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, calleePort)));
        var calleeAgent = new SipUserAgent();
        await using var callee = new SipStack(options, calleeAgent);
        calleeAgent.Attach(callee);
        await callee.StartAsync();
        var arrived = new TaskCompletionSource<InviteSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        calleeAgent.IncomingCall += s => { s.Answer("application/sdp", Encoding.ASCII.GetBytes(Sdp)); arrived.TrySetResult(s); };

        var callerOptions = new SipStackOptions();
        var callerPort = CallCenterSdk.Testing.FreePort.Next();
        callerOptions.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, callerPort)));
        callerOptions.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, callerPort)));
        var callerAgent = new SipUserAgent();
        await using var caller = new SipStack(callerOptions, callerAgent);
        callerAgent.Attach(caller);
        await caller.StartAsync();

        var bigOffer = Sdp + string.Concat(Enumerable.Range(0, 40).Select(i => $"a=x-padding-{i}:{new string('p', 40)}\r\n"));
        callerAgent.PlaceCall(SipUri.Parse($"sip:callee@127.0.0.1:{calleePort}"), NameAddress.Parse("<sip:caller@127.0.0.1>"),
            new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, calleePort)), "application/sdp", Encoding.ASCII.GetBytes(bigOffer));
        var incoming = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("TCP", incoming.Invite.TopVia.Transport);
        Assert.True(incoming.Invite.Bytes.Length > 1300);
        Assert.Equal(SipTransportProtocol.Tcp, incoming.Dialog!.Peer.Protocol);
    }

    [Fact]
    public async Task Reinvite_arriving_while_ours_is_pending_gets_491()
    {
        var (session, invite, from) = await EstablishAsync();
        session.SendReInvite("application/sdp", Encoding.ASCII.GetBytes(Sdp.Replace("m=audio", "a=sendonly\r\nm=audio", StringComparison.Ordinal)));
        var ourReInvite = (SipRequest)(await Peer.ReceiveAsync(m => m is SipRequest { ToTag: not null } r && r.Method == SipMethod.Invite)).Message;
        Assert.Equal(2u, ourReInvite.CSeq.Number);

        var theirs = PeerInDialogRequest(invite, "INVITE", cseq: 1);
        await Peer.SendAsync(theirs, from);
        var response = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { StatusCode: > 100 } r && r.CSeq.Method == SipMethod.Invite && r.CallId == invite.CallId)).Message;
        Assert.Equal(491, response.StatusCode);
    }

    [Fact]
    public async Task Out_of_order_cseq_in_dialog_gets_500_and_unknown_dialog_481()
    {
        var (_, invite, from) = await EstablishAsync();
        await Peer.SendAsync(PeerInDialogRequest(invite, "INFO", cseq: 5), from);
        Assert.Equal(200, ((SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Number: 5 })).Message).StatusCode);
        await Peer.SendAsync(PeerInDialogRequest(invite, "INFO", cseq: 4), from);
        Assert.Equal(500, ((SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Number: 4 })).Message).StatusCode);
        await Peer.SendAsync(PeerInDialogRequest(invite, "BYE", cseq: 6, toTagOverride: "nobody"), from);
        Assert.Equal(481, ((SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Number: 6 })).Message).StatusCode);
    }

    [Fact]
    public async Task Info_dtmf_relay_raises_the_digit_and_bye_from_peer_ends_the_call()
    {
        var (session, invite, from) = await EstablishAsync();
        var digit = new TaskCompletionSource<(char, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.DtmfReceived += (_, d, ms) => digit.TrySetResult((d, ms));
        session.Ended += (_, r) => ended.TrySetResult(r);
        await Peer.SendAsync(PeerInDialogRequest(invite, "INFO", 10, body: "Signal=7\r\nDuration=160\r\n", contentType: DtmfRelay.ContentType), from);
        Assert.Equal(('7', 160), await digit.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await Peer.SendAsync(PeerInDialogRequest(invite, "BYE", 11), from);
        Assert.Equal(SessionEndKind.RemoteHangup, (await ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).Kind);
        Assert.Equal(200, ((SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Number: 11 })).Message).StatusCode);
    }

    [Fact]
    public async Task Udp_responses_carry_received_and_the_rport_value()
    {
        var options = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
            $"OPTIONS sip:ua@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK-nat;rport\r\nMax-Forwards: 70\r\n" +
            "From: <sip:peer@10.0.0.5>;tag=n\r\nTo: <sip:ua@127.0.0.1>\r\nCall-ID: nat@peer\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
        await Peer.SendAsync(options, Stack.Transports[0].LocalEndPoint);
        var response = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CallId: "nat@peer" })).Message;
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
        Assert.Equal(Peer.Port, response.TopVia.RPort);
    }

    [Fact]
    public async Task Unknown_method_gets_501_and_known_unsupported_405_with_allow()
    {
        var target = Stack.Transports[0].LocalEndPoint;
        await Peer.SendAsync(OutOfDialog("FROBNICATE"), target);
        var r1 = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Method.Name: "FROBNICATE" })).Message;
        Assert.Equal(501, r1.StatusCode);
        await Peer.SendAsync(OutOfDialog("SUBSCRIBE"), target);
        var r2 = (SipResponse)(await Peer.ReceiveAsync(m => m is SipResponse { CSeq.Method.Name: "SUBSCRIBE" })).Message;
        Assert.Equal(405, r2.StatusCode);
        Assert.Contains("INVITE", r2.Headers["Allow"], StringComparison.Ordinal);
    }

    private SipRequest PeerInDialogRequest(SipRequest invite, string method, uint cseq, string? toTagOverride = null, string? body = null, string? contentType = null)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} sip:ua@127.0.0.1:{Ours.Port} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:{Peer.Port};branch=z9hG4bK-peer-{method}-{cseq};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <sip:peer@127.0.0.1>;tag=peer-tag\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: <sip:ua@127.0.0.1>;tag={toTagOverride ?? invite.FromTag}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {invite.CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Contact: <sip:peer@127.0.0.1:{Peer.Port}>\r\n");
        if (body is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        }
        else
        {
            text.Append("Content-Length: 0\r\n\r\n");
        }

        return (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private SipRequest OutOfDialog(string method) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
        $"{method} sip:ua@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{Peer.Port};branch=z9hG4bK-{method};rport\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:peer@127.0.0.1>;tag=x\r\nTo: <sip:ua@127.0.0.1>\r\nCall-ID: {method}@peer\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n"));
}
