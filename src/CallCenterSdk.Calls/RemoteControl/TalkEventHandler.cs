using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.RemoteControl;

/// <summary>
/// The phone side of remote answer: an out-of-dialog <c>NOTIFY</c> with <c>Event: talk</c> answers the oldest
/// ringing inbound leg whose INVITE came from the NOTIFY's source (200), when that source is trusted (else 403) and
/// such a leg rings (else 481). Every other request is left to the user agent.
/// </summary>
internal sealed class TalkEventHandler(CallEngine engine, RemoteAnswerOptions options) : ISipRequestHandler
{
    /// <summary>The event package (BroadSoft SIP access side extensions: "talk", no body, implied subscription).</summary>
    public const string Package = "talk";

    private readonly SipIdentifiers _ids = new(Random.Shared);

    public bool TryHandle(SipStack stack, ServerTransaction transaction, SipRequest request, SipEndpoint source)
    {
        if (request.Method != SipMethod.Notify || !IsTalk(request))
        {
            return false;
        }

        if (!options.Trusts(source))
        {
            Respond(stack, transaction, request, 403, "Remote Answer Not Allowed From This Source");
            return true;
        }

        var leg = engine.AnswerRingingFrom(source);
        if (leg is null)
        {
            // RFC 6665 §4.1.3: a NOTIFY that matches nothing is answered 481.
            Respond(stack, transaction, request, 481, "No Ringing Call From This Source");
            return true;
        }

        Respond(stack, transaction, request, 200);
        engine.RaiseRemoteAnswered(leg, source);
        return true;
    }

    private static bool IsTalk(SipRequest request)
    {
        try
        {
            return string.Equals(request.Event?.Package, Package, StringComparison.OrdinalIgnoreCase);
        }
        catch (SipParseException)
        {
            return false; // a malformed Event header is not ours to judge
        }
    }

    private void Respond(SipStack stack, ServerTransaction transaction, SipRequest request, int statusCode, string? reason = null) =>
        stack.SendResponse(transaction, (SipResponse)SipMessageBuilder.CreateResponse(request, statusCode, reason, _ids.NewTag()).Build());
}
