using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Calls.RemoteControl;

/// <summary>
/// The server side of remote answer: one out-of-dialog <c>NOTIFY</c> with <c>Event: talk</c> to a phone's registered
/// contact, completed with the phone's final response. A timeout completes it with a locally made 408 and a transport
/// failure with a 503 (RFC 3261 §8.1.3.1).
/// </summary>
internal sealed class RemoteAnswerRequest : IClientTransactionHandler
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RemoteAnswerRequest()
    {
    }

    public static async Task<SipResponse> SendAsync(SipStack stack, SipIdentifiers ids, string contact, SipEndpoint destination, string? from, CancellationToken cancellationToken)
    {
        var target = AddressUri.Parse(contact);
        var ours = stack.CreateContact(destination, "callcenter");
        var builder = SipMessageBuilder.CreateRequest(SipMethod.Notify, target, NameAddress.Parse(from ?? ours), new NameAddress(target),
            stack.CreateVia(destination, ids.NewBranch()), 1, ids, NameAddress.Parse(ours));
        builder.AddHeader("Event", TalkEventHandler.Package);
        // RFC 6665 §8.2.3: every NOTIFY carries Subscription-State; the talk subscription is implied, not SUBSCRIBEd.
        builder.AddHeader("Subscription-State", "active");
        // The handler is the transaction's user state before the NOTIFY leaves: the answer may come back at once.
        var request = new RemoteAnswerRequest();
        stack.SendRequest((SipRequest)builder.Build(), destination, request);
        return await request._final.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void OnResponse(ClientTransaction transaction, SipResponse response)
    {
        if (!response.IsProvisional)
        {
            _final.TrySetResult(response);
        }
    }

    public void OnFailure(ClientTransaction transaction, string reason)
    {
        // The transaction layer reports a timeout as "Timer expired ..." (Timer F); anything else is the transport.
        var timedOut = reason.StartsWith("Timer", StringComparison.Ordinal);
        _final.TrySetResult((SipResponse)SipMessageBuilder.CreateResponse(transaction.Request, timedOut ? 408 : 503, reason).Build());
    }
}
