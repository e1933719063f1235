using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Registration;

/// <summary>A handler the user agent offers new out-of-dialog requests to before its own handling (a registrar, a presence server).</summary>
public interface ISipRequestHandler
{
    /// <summary>Handles the request and returns true, or returns false to leave it to the next handler.</summary>
    bool TryHandle(SipStack stack, ServerTransaction transaction, SipRequest request, SipEndpoint source);
}
