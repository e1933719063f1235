using CallCenterSdk.Sip.Messages;
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
}
