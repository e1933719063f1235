using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>The server non-INVITE transaction of RFC 3261 §17.2.2.</summary>
public sealed class ServerNonInviteTransaction : ServerTransaction
{
    internal ServerNonInviteTransaction(SipRequest request, SipEndpoint source)
        : base(request, source, TransactionState.Trying)
    {
    }

    internal override void OnRequestRetransmission(TransactionLayer layer, long nowMs)
    {
        // Trying absorbs; Proceeding and Completed repeat the last response.
        if (State is TransactionState.Proceeding or TransactionState.Completed && !RetransmitBytes.IsEmpty)
        {
            layer.Retransmit(this, RetransmitBytes, ResponseDestination);
        }
    }

    internal override void SendResponse(TransactionLayer layer, SipResponse response, long nowMs)
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            throw new InvalidOperationException($"Cannot send {response.StatusCode} in state {State} of {this}.");
        }

        LastResponse = response;
        RetransmitBytes = WireBytes.Of(response);
        layer.Send(this, RetransmitBytes, ResponseDestination);
        if (response.IsProvisional)
        {
            State = TransactionState.Proceeding;
            return;
        }

        State = TransactionState.Completed;
        layer.ScheduleOrTerminate(this, TransactionTimer.J, nowMs, layer.Settings.TimerJMs(Endpoint.Protocol));
    }

    internal override void OnTimer(TransactionLayer layer, TransactionTimer timer, long nowMs)
    {
        if (timer == TransactionTimer.J)
        {
            layer.Terminate(this);
        }
    }
}
