using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.UserAgent;

/// <summary>
/// The answer to a placed call is handled on the transport's thread and may be done before <c>PlaceCall</c> returns,
/// so Established and Ended reach handlers added late, at once and exactly once; handlers added in time once too.
/// </summary>
public sealed class LateSubscriptionTests : UserAgentHarness
{
    [Fact]
    public async Task Handlers_added_after_the_answer_and_after_the_end_are_called_at_once_and_once()
    {
        var session = Call();
        var early = 0;
        session.Established += _ => Interlocked.Increment(ref early);
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        await Peer.RespondAsync((SipRequest)message, from, 200, "peer-tag", Sdp);
        await Peer.ReceiveRequestAsync(SipMethod.Ack);

        // The ACK leaves just before the session reports itself established.
        Assert.True(SpinWait.SpinUntil(() => session.State == InviteSessionState.Established, TimeSpan.FromSeconds(5)));

        var late = 0;
        var lateThread = -1;
        session.Established += _ =>
        {
            late++;
            lateThread = Environment.CurrentManagedThreadId;
        };
        Assert.Equal(1, late);
        Assert.Equal(Environment.CurrentManagedThreadId, lateThread);

        session.Hangup();
        await Peer.ReceiveRequestAsync(SipMethod.Bye);
        SessionEndReason? lateEnd = null;
        session.Ended += (_, reason) => lateEnd = reason;
        Assert.Equal(SessionEndKind.LocalHangup, lateEnd?.Kind);
        Assert.Equal(1, Volatile.Read(ref early));
        Assert.Equal(1, late);
    }

    [Fact]
    public async Task A_handler_removed_before_the_answer_is_not_called()
    {
        var session = Call();
        var calls = 0;
        void OnEstablished(InviteSession s) => Interlocked.Increment(ref calls);
        session.Established += OnEstablished;
        session.Established -= OnEstablished;
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        await Peer.RespondAsync((SipRequest)message, from, 200, "peer-tag", Sdp);
        await Peer.ReceiveRequestAsync(SipMethod.Ack);

        // The ACK leaves just before the session reports itself established.
        Assert.True(SpinWait.SpinUntil(() => session.State == InviteSessionState.Established, TimeSpan.FromSeconds(5)));
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task Handlers_attached_before_the_invite_leaves_see_the_first_provisional()
    {
        var sentBeforeConfigured = true;
        // No client transaction yet inside the callback: the INVITE has not been handed to the stack.
        var ringing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = Agent.PlaceCall(
            SipUri.Parse($"sip:peer@127.0.0.1:{Peer.Port}"), NameAddress.Parse("<sip:ua@127.0.0.1>"),
            new SipEndpoint(SipTransportProtocol.Udp, Peer.EndPoint), "application/sdp", Encoding.ASCII.GetBytes(Sdp),
            beforeSend: s =>
            {
                sentBeforeConfigured = s.ClientTransaction is not null || s.State != InviteSessionState.Initial;
                s.Progress += (_, response) => ringing.TrySetResult(response.StatusCode);
            });
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        await Peer.RespondAsync((SipRequest)message, from, 180, "peer-tag");
        Assert.Equal(180, await ringing.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(sentBeforeConfigured);
        Assert.Equal(InviteSessionState.Early, session.State);
    }
}
