using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>The client non-INVITE transaction of RFC 3261 §17.1.2.</summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    internal ClientNonInviteTransaction(SipRequest request, SipEndpoint destination)
        : base(request, destination, TransactionState.Trying)
    {
    }

    internal override TransactionTimer RetransmitTimerName => TransactionTimer.E;

    internal override TransactionTimer TimeoutTimerName => TransactionTimer.F;

    internal override void OnResponse(TransactionLayer layer, SipResponse response, long nowMs)
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return; // Completed absorbs retransmissions of the final response (§17.1.2.2)
        }

        LastResponse = response;
        if (response.IsProvisional)
        {
            State = TransactionState.Proceeding;
            layer.Raise(TransactionEventKind.Response, this, response);
            return;
        }

        State = TransactionState.Completed;
        layer.CancelTimers(this);
        layer.Raise(TransactionEventKind.Response, this, response);
        layer.ScheduleOrTerminate(this, TransactionTimer.K, nowMs, layer.Settings.TimerKMs(Endpoint.Protocol));
    }

    internal override void OnTimer(TransactionLayer layer, TransactionTimer timer, long nowMs)
    {
        switch (timer)
        {
            case TransactionTimer.E when State is TransactionState.Trying or TransactionState.Proceeding:
                layer.Retransmit(this, RetransmitBytes, Endpoint);
                // §17.1.2.2: E doubles up to T2 while Trying, and stays at T2 once Proceeding.
                RetransmitIntervalMs = State == TransactionState.Proceeding
                    ? layer.Settings.T2Ms
                    : Math.Min(RetransmitIntervalMs * 2, layer.Settings.T2Ms);
                layer.Schedule(this, TransactionTimer.E, nowMs + RetransmitIntervalMs);
                break;
            case TransactionTimer.F when State is TransactionState.Trying or TransactionState.Proceeding:
                layer.TimeOut(this);
                break;
            case TransactionTimer.K:
                layer.Terminate(this);
                break;
        }
    }
}
