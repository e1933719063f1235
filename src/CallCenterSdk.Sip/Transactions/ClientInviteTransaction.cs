using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>The client INVITE transaction of RFC 3261 §17.1.1 with the Accepted state of RFC 6026 §7.2.</summary>
public sealed class ClientInviteTransaction : ClientTransaction
{
    internal ClientInviteTransaction(SipRequest request, SipEndpoint destination)
        : base(request, destination, TransactionState.Calling)
    {
    }

    /// <summary>True once a provisional response arrived, so a CANCEL may be sent (RFC 3261 §9.1).</summary>
    public bool CanCancel => State == TransactionState.Proceeding;

    /// <summary>
    /// Builds the CANCEL for this INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, From, To, CSeq number,
    /// the top Via only (same branch) and the same Route headers.
    /// </summary>
    public SipRequest CreateCancel(string? reason = null)
    {
        var builder = SipMessageBuilder.Request(SipMethod.Cancel, Request.RequestUri);
        CopyAckOrCancelHeaders(builder, Request.Headers["To"] ?? string.Empty, SipMethod.Cancel);
        if (reason is not null)
        {
            builder.AddHeader("Reason", reason);
        }

        return (SipRequest)builder.Build();
    }

    internal override TransactionTimer RetransmitTimerName => TransactionTimer.A;

    internal override TransactionTimer TimeoutTimerName => TransactionTimer.B;

    internal override void OnResponse(TransactionLayer layer, SipResponse response, long nowMs)
    {
        switch (State)
        {
            case TransactionState.Calling or TransactionState.Proceeding:
                LastResponse = response;
                if (response.IsProvisional)
                {
                    State = TransactionState.Proceeding;
                    layer.CancelRetransmit(this); // §17.1.1.2: stop retransmitting once anything arrives
                    layer.Raise(TransactionEventKind.Response, this, response);
                }
                else if (response.IsSuccess)
                {
                    // RFC 6026 §7.2: Accepted keeps matching 2xx retransmissions for the TU for Timer M.
                    State = TransactionState.Accepted;
                    layer.CancelTimers(this);
                    layer.Schedule(this, TransactionTimer.M, nowMs + layer.Settings.Timeout64Ms);
                    layer.Raise(TransactionEventKind.Response, this, response);
                }
                else
                {
                    State = TransactionState.Completed;
                    layer.CancelTimers(this);
                    RetransmitBytes = BuildAck(response);
                    layer.Send(this, RetransmitBytes, Endpoint);
                    layer.Raise(TransactionEventKind.Response, this, response);
                    layer.ScheduleOrTerminate(this, TransactionTimer.D, nowMs, layer.Settings.TimerDMs(Endpoint.Protocol));
                }

                break;
            case TransactionState.Completed when response.StatusCode >= 300:
                // §17.1.1.2: a retransmitted final response is answered with the ACK again, not passed up.
                layer.Send(this, RetransmitBytes, Endpoint);
                break;
            case TransactionState.Accepted when response.IsSuccess:
                // RFC 6026: 2xx retransmissions (possibly from other forks) go to the TU, which re-sends its ACK.
                layer.Raise(TransactionEventKind.Response, this, response);
                break;
            default:
                break; // late provisional responses are dropped
        }
    }

    internal override void OnTimer(TransactionLayer layer, TransactionTimer timer, long nowMs)
    {
        switch (timer)
        {
            case TransactionTimer.A when State == TransactionState.Calling:
                // §17.1.1.2: Timer A doubles each time (no T2 cap for INVITE).
                layer.Retransmit(this, RetransmitBytes, Endpoint);
                RetransmitIntervalMs *= 2;
                layer.Schedule(this, TransactionTimer.A, nowMs + RetransmitIntervalMs);
                break;
            case TransactionTimer.B when State == TransactionState.Calling:
                layer.TimeOut(this);
                break;
            case TransactionTimer.B:
                // Proceeding without a final response: §17.1.1.2 leaves it to the TU (it sends CANCEL);
                // after the RFC's Timer B the transaction ends so it cannot leak.
                if (State == TransactionState.Proceeding)
                {
                    layer.TimeOut(this);
                }

                break;
            case TransactionTimer.D or TransactionTimer.M:
                layer.Terminate(this);
                break;
        }
    }

    private ReadOnlyMemory<byte> BuildAck(SipResponse response)
    {
        // §17.1.1.3: the ACK has the INVITE's Request-URI, Call-ID, From, CSeq number, top Via and Route,
        // and the To of the response (with its tag).
        var builder = SipMessageBuilder.Request(SipMethod.Ack, Request.RequestUri);
        CopyAckOrCancelHeaders(builder, response.Headers["To"] ?? string.Empty, SipMethod.Ack);
        return WireBytes.Of(builder.Build());
    }

    private void CopyAckOrCancelHeaders(SipMessageBuilder builder, string to, SipMethod method)
    {
        builder.AddHeader("Via", Request.TopVia.ToString());
        builder.AddHeader("Max-Forwards", "70");
        foreach (var route in Request.Headers.GetAll("Route"))
        {
            builder.AddHeader("Route", route.Value);
        }

        builder.AddHeader("From", Request.Headers["From"] ?? string.Empty);
        builder.AddHeader("To", to);
        builder.AddHeader("Call-ID", Request.CallId);
        builder.AddHeader("CSeq", $"{Request.CSeq.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)} {method.Name}");
    }
}
