using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Sip.Tests.UserAgent;

/// <summary>
/// An incoming call gets exactly one final response however the application's answer, rejection or hang-up and the
/// caller's CANCEL (handled on the transport thread) interleave, and nothing fails on the transport thread.
/// </summary>
public sealed class IncomingCallRaceTests : UserAgentHarness
{
    [Fact]
    public async Task Hangups_racing_on_a_ringing_incoming_call_send_one_603()
    {
        for (var round = 0; round < 10; round++)
        {
            var (session, invite) = await OfferAsync(round);
            await RunAtOnceAsync(Enumerable.Repeat<Action>(() => session.Hangup(), 8));
            var finals = await FinalResponsesAsync(invite);
            Assert.Equal([603], finals);
            Assert.Equal(InviteSessionState.Terminated, session.State);
        }

        Assert.Empty(Log.LinesAtOrAbove(LogLevel.Warning));
    }

    [Fact]
    public async Task A_cancel_racing_the_answer_leaves_one_final_response_and_a_clear_error()
    {
        var outcomes = new Dictionary<int, int>();
        for (var round = 0; round < 30; round++)
        {
            var (session, invite) = await OfferAsync(100 + round);
            var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            session.Ended += (_, r) => ended.TrySetResult(r);
            // The CANCEL's way in (send, receive, dispatch) takes from tens of microseconds to a millisecond: answering
            // after 0-2.7 ms puts the answer before, during and after it across the rounds.
            var answer = new DelayedAnswer(session, round % 10 * 300);
            await RunAtOnceAsync([() => Peer.SendAsync(Cancel(invite), Ours).GetAwaiter().GetResult(), answer.Run]);
            var answerError = answer.Error;

            var finals = await FinalResponsesAsync(invite);
            var final = Assert.Single(finals.Distinct());
            outcomes[final] = outcomes.GetValueOrDefault(final) + 1;
            if (final == 487)
            {
                // The caller's CANCEL won: the answer is refused, saying why, and the call ended as cancelled.
                Assert.NotNull(answerError);
                Assert.Contains("the caller cancelled it (487", answerError!.Message, StringComparison.Ordinal);
                Assert.Equal(487, (await ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode);
            }
            else
            {
                // The answer won: the CANCEL has no effect (RFC 3261 §9.2) and the call goes on once acknowledged.
                Assert.Equal(200, final);
                Assert.Null(answerError);
                Assert.NotEqual(InviteSessionState.Terminated, session.State);
                session.Hangup();
                var (bye, from) = await Peer.ReceiveAsync(m => m is SipRequest r && r.Method == SipMethod.Bye && r.CallId == invite.CallId);
                await Peer.RespondAsync((SipRequest)bye, from, 200, ((SipRequest)bye).ToTag!);
            }
        }

        Assert.Empty(Log.LinesAtOrAbove(LogLevel.Warning));
        Assert.Equal(30, outcomes.Values.Sum());
    }

    [Fact]
    public async Task Answer_after_the_callers_cancel_names_the_cancel()
    {
        var (session, invite) = await OfferAsync(200);
        await Peer.SendAsync(Cancel(invite), Ours);
        Assert.Equal([487], await FinalResponsesAsync(invite));
        var e = Assert.Throws<InvalidOperationException>(() => session.Answer("application/sdp", Encoding.ASCII.GetBytes(Sdp)));
        Assert.Contains("the caller cancelled it (487", e.Message, StringComparison.Ordinal);
        session.Hangup(); // after the end: nothing to do, nothing thrown
        Assert.Empty(Log.LinesAtOrAbove(LogLevel.Warning));
    }

    [Fact]
    public async Task A_hangup_while_the_200_awaits_its_ack_sends_bye_after_the_ack()
    {
        var (session, invite) = await OfferAsync(300);
        session.Answer("application/sdp", Encoding.ASCII.GetBytes(Sdp));
        var (message, _) = await Peer.ReceiveAsync(m => m is SipResponse { StatusCode: 200 } r && r.CallId == invite.CallId);
        var ok = (SipResponse)message;
        session.Hangup();

        // RFC 3261 §15: no BYE before the ACK of the 2xx.
        Assert.True(await Peer.NothingArrivesAsync(m => m is SipRequest r && r.Method == SipMethod.Bye, 300));
        Assert.Equal(InviteSessionState.Answering, session.State);
        await Peer.SendAsync(Ack(invite, ok), Ours);
        var (bye, from) = await Peer.ReceiveAsync(m => m is SipRequest r && r.Method == SipMethod.Bye && r.CallId == invite.CallId);
        await Peer.RespondAsync((SipRequest)bye, from, 200, ((SipRequest)bye).ToTag!);
        Assert.Equal(SessionEndKind.LocalHangup, session.EndReason!.Kind);
        Assert.Empty(Log.LinesAtOrAbove(LogLevel.Warning));
    }

    [Fact]
    public async Task A_hangup_racing_the_answer_ends_the_call_either_way()
    {
        var outcomes = new Dictionary<int, int>();
        for (var round = 0; round < 20; round++)
        {
            var (session, invite) = await OfferAsync(400 + round);
            // 0-180 us after the hang-up starts: before, during and after its claim across the rounds.
            var answer = new DelayedAnswer(session, round % 10 * 20);
            await RunAtOnceAsync([() => session.Hangup(), answer.Run]);
            var answerError = answer.Error;

            var final = Assert.Single((await FinalResponsesAsync(invite)).Distinct()); // a 2xx is acknowledged there
            outcomes[final] = outcomes.GetValueOrDefault(final) + 1;
            if (final == 603)
            {
                Assert.NotNull(answerError); // the hang-up won: the answer says the call was rejected
                Assert.Contains("rejected already (603)", answerError!.Message, StringComparison.Ordinal);
            }
            else
            {
                // The answer won: the hang-up ends the call it made, with a BYE after the ACK.
                Assert.Equal(200, final);
                Assert.Null(answerError);
                var (bye, from) = await Peer.ReceiveAsync(m => m is SipRequest r && r.Method == SipMethod.Bye && r.CallId == invite.CallId);
                await Peer.RespondAsync((SipRequest)bye, from, 200, ((SipRequest)bye).ToTag!);
            }

            Assert.Equal(InviteSessionState.Terminated, session.State);
        }

        Assert.Equal(20, outcomes.Values.Sum());
        Assert.Empty(Log.LinesAtOrAbove(LogLevel.Warning));
    }

    private async Task<(InviteSession Session, SipRequest Invite)> OfferAsync(int round)
    {
        var offered = new TaskCompletionSource<InviteSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnIncoming(InviteSession s)
        {
            s.Ring();
            offered.TrySetResult(s);
        }

        Agent.IncomingCall += OnIncoming;
        try
        {
            var text =
                $"INVITE sip:ua@127.0.0.1:{Ours.Port} SIP/2.0\r\n" +
                $"Via: SIP/2.0/UDP 127.0.0.1:{Peer.Port};branch=z9hG4bK-race-{round}-{Guid.NewGuid():N};rport\r\n" +
                "Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1>;tag=peer-tag\r\nTo: <sip:ua@127.0.0.1>\r\n" +
                $"Call-ID: race-{round.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}\r\nCSeq: 1 INVITE\r\n" +
                $"Contact: <sip:peer@127.0.0.1:{Peer.Port}>\r\nContent-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}";
            var invite = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
            await Peer.SendAsync(invite, Ours);
            var session = await offered.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await Peer.ReceiveAsync(m => m is SipResponse { StatusCode: 180 } r && r.CallId == invite.CallId);
            return (session, invite);
        }
        finally
        {
            Agent.IncomingCall -= OnIncoming;
        }
    }

    /// <summary>The final responses to <paramref name="invite"/> the peer receives until none comes for 400 ms; a 2xx is acknowledged.</summary>
    private async Task<List<int>> FinalResponsesAsync(SipRequest invite)
    {
        var codes = new List<int>();
        while (true)
        {
            (SipMessage Message, IPEndPoint From) received;
            try
            {
                received = await Peer.ReceiveAsync(m => m is SipResponse { StatusCode: >= 200 } r && r.CallId == invite.CallId && r.CSeq.Method == SipMethod.Invite, timeoutMs: 400);
            }
            catch (OperationCanceledException)
            {
                return codes;
            }

            var response = (SipResponse)received.Message;
            if (!codes.Contains(response.StatusCode))
            {
                codes.Add(response.StatusCode);
            }

            if (response.IsSuccess)
            {
                await Peer.SendAsync(Ack(invite, response), Ours);
            }
        }
    }

    private static SipRequest Cancel(SipRequest invite) => Parse(
        $"CANCEL {invite.RequestUri} SIP/2.0\r\nVia: SIP/2.0/UDP {invite.TopVia.Host}:{invite.TopVia.Port};branch={invite.TopVia.Branch};rport\r\n" +
        $"Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1>;tag=peer-tag\r\nTo: <sip:ua@127.0.0.1>\r\nCall-ID: {invite.CallId}\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n");

    private static SipRequest Ack(SipRequest invite, SipResponse ok) => Parse(
        $"ACK {invite.RequestUri} SIP/2.0\r\nVia: SIP/2.0/UDP {invite.TopVia.Host}:{invite.TopVia.Port};branch=z9hG4bK-ack-{Guid.NewGuid():N};rport\r\n" +
        $"Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1>;tag=peer-tag\r\nTo: <sip:ua@127.0.0.1>;tag={ok.ToTag}\r\nCall-ID: {invite.CallId}\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");

    private static SipRequest Parse(string text) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));

    /// <summary>Answers after spinning for the given microseconds; keeps the InvalidOperationException of a call whose final response was taken.</summary>
    private sealed class DelayedAnswer(InviteSession session, int microseconds)
    {
        public InvalidOperationException? Error { get; private set; }

        public void Run()
        {
            var delay = Stopwatch.StartNew();
            while (delay.Elapsed.TotalMicroseconds < microseconds)
            {
                Thread.SpinWait(10);
            }

            try
            {
                session.Answer("application/sdp", Encoding.ASCII.GetBytes(Sdp));
            }
            catch (InvalidOperationException e)
            {
                Error = e;
            }
        }
    }
}
