using CallCenterSdk.Sip.Messages;

namespace CallCenterSdk.Calls.Transfer;

/// <summary>
/// Follows the implicit subscription of a REFER we sent (RFC 3515 §2.4.4): collects the sipfrag statuses of its
/// NOTIFYs and completes on a final status or when the subscription is terminated.
/// </summary>
internal sealed class ReferWatcher
{
    private readonly object _gate = new();
    private readonly List<int> _progress = [];
    private readonly TaskCompletionSource<(int? Status, string Reason)> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<(int? Status, string Reason)> Done => _done.Task;

    public IReadOnlyList<int> Progress
    {
        get { lock (_gate) { return [.. _progress]; } }
    }

    /// <summary>Takes a NOTIFY of the refer event package; returns the status to answer it with.</summary>
    public int OnNotify(SipRequest notify)
    {
        var terminated = string.Equals(notify.SubscriptionState?.State, "terminated", StringComparison.OrdinalIgnoreCase);
        if (SipFrag.TryParseStatus(notify.Body.Span, out var status, out var reason))
        {
            lock (_gate)
            {
                _progress.Add(status);
            }

            if (status >= 200)
            {
                _done.TrySetResult((status, reason));
            }
        }
        else if (!notify.Body.IsEmpty)
        {
            return 400; // RFC 3515 §2.4.5: the body must be a sipfrag starting with a status line
        }

        if (terminated)
        {
            _done.TrySetResult((null, "subscription terminated without a final status"));
        }

        return 200;
    }
}
