using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>The server INVITE transaction of RFC 3261 §17.2.1 with the Accepted state of RFC 6026 §7.1.</summary>
public sealed class ServerInviteTransaction : ServerTransaction
{
    internal ServerInviteTransaction(SipRequest request, SipEndpoint source)
        : base(request, source, TransactionState.Proceeding)
    {
    }

    internal void Start(TransactionLayer layer, long nowMs)
    {
        if (layer.Settings.SendTryingImmediately)
        {
            // §17.2.1: 100 Trying stops the client retransmitting; sending it at once is always allowed.
            SendResponse(layer, TryingResponse.For(Request), nowMs);
            layer.Statistics.TryingSent++;
        }
    }

    internal override void OnRequestRetransmission(TransactionLayer layer, long nowMs)
    {
        // Proceeding: repeat the last provisional; Completed: repeat the final. Accepted absorbs (RFC 6026 §7.1).
        if (State is TransactionState.Proceeding or TransactionState.Completed && !RetransmitBytes.IsEmpty)
        {
            layer.Retransmit(this, RetransmitBytes, ResponseDestination);
        }
    }

    internal void OnAck(TransactionLayer layer, SipRequest ack, long nowMs)
    {
        if (State == TransactionState.Completed)
        {
            State = TransactionState.Confirmed;
            layer.CancelTimers(this);
            layer.ScheduleOrTerminate(this, TransactionTimer.I, nowMs, layer.Settings.TimerIMs(Endpoint.Protocol));
        }
        else if (State == TransactionState.Accepted)
        {
            // Only an RFC 2543 ACK for a 2xx can match here; it belongs to the TU like any 2xx ACK.
            layer.Raise(TransactionEventKind.Ack, null, ack, Endpoint);
        }
    }

    internal override void SendResponse(TransactionLayer layer, SipResponse response, long nowMs)
    {
        switch (State)
        {
            case TransactionState.Proceeding:
                LastResponse = response;
                RetransmitBytes = WireBytes.Of(response);
                layer.Send(this, RetransmitBytes, ResponseDestination);
                if (response.IsSuccess)
                {
                    // Accepted absorbs INVITE retransmissions and the TU retransmits its 2xx itself (RFC 6026 §7.1):
                    // nothing is repeated from here, so the bytes need not live on until Timer L.
                    RetransmitBytes = default;
                    State = TransactionState.Accepted;
                    layer.Schedule(this, TransactionTimer.L, nowMs + layer.Settings.Timeout64Ms);
                }
                else if (!response.IsProvisional)
                {
                    State = TransactionState.Completed;
                    if (!Endpoint.IsReliable)
                    {
                        RetransmitIntervalMs = layer.Settings.T1Ms;
                        layer.Schedule(this, TransactionTimer.G, nowMs + RetransmitIntervalMs);
                    }

                    layer.Schedule(this, TransactionTimer.H, nowMs + layer.Settings.Timeout64Ms);
                }

                break;
            case TransactionState.Accepted when response.IsSuccess:
                // RFC 6026 §7.1: the TU's 2xx retransmissions (§13.3.1.4) pass through, counted as retransmissions.
                LastResponse = response;
                layer.Retransmit(this, WireBytes.Of(response), ResponseDestination);
                break;
            default:
                throw new InvalidOperationException($"Cannot send {response.StatusCode} in state {State} of {this}.");
        }
    }

    internal override void OnTimer(TransactionLayer layer, TransactionTimer timer, long nowMs)
    {
        switch (timer)
        {
            case TransactionTimer.G when State == TransactionState.Completed:
                layer.Retransmit(this, RetransmitBytes, ResponseDestination);
                RetransmitIntervalMs = Math.Min(RetransmitIntervalMs * 2, layer.Settings.T2Ms);
                layer.Schedule(this, TransactionTimer.G, nowMs + RetransmitIntervalMs);
                break;
            case TransactionTimer.H when State == TransactionState.Completed:
                // §17.2.1: no ACK: the TU learns of the failure (it may end the dialog).
                layer.TimeOut(this);
                break;
            case TransactionTimer.I or TransactionTimer.L:
                layer.Terminate(this);
                break;
        }
    }
}
