using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transactions;

namespace CallCenterSdk.Sip.UserAgent;

/// <summary>
/// Completes a task with the final response of a non-INVITE client transaction (REFER, NOTIFY, MESSAGE). A timeout
/// completes it with a locally made 408 and a transport failure with a 503, as RFC 3261 §8.1.3.1 says the UAC
/// core treats them.
/// </summary>
internal sealed class FinalResponseAwaiter
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SipResponse> Task => _final.Task;

    public void OnResponse(ClientTransaction transaction, SipResponse response)
    {
        if (!response.IsProvisional)
        {
            _final.TrySetResult(response);
        }
    }

    public void OnFailure(ClientTransaction transaction, bool timedOut, string? reason) =>
        _final.TrySetResult((SipResponse)SipMessageBuilder.CreateResponse(transaction.Request, timedOut ? 408 : 503, reason ?? (timedOut ? "Request Timeout" : "Service Unavailable")).Build());
}
