namespace CallCenterSdk.Sip.UserAgent;

/// <summary>The life of an INVITE session (a call leg).</summary>
public enum InviteSessionState
{
    /// <summary>Outgoing: INVITE sent, no response with a tag yet. Incoming: INVITE received, not answered.</summary>
    Initial,

    /// <summary>A provisional response with a tag created an early dialog (ringing, early media).</summary>
    Early,

    /// <summary>Incoming: 2xx sent, waiting for the ACK.</summary>
    Answering,

    /// <summary>2xx and ACK exchanged: the call is up.</summary>
    Established,

    /// <summary>Ended (BYE, CANCEL, rejection, failure or timeout).</summary>
    Terminated,
}

/// <summary>Why a session ended, with the SIP status code and Q.850 cause where known.</summary>
/// <param name="Kind">The kind of ending.</param>
/// <param name="StatusCode">The SIP status code (e.g. 486 for a busy callee, 487 when cancelled, 200 for a normal BYE).</param>
/// <param name="Reason">A readable reason.</param>
public sealed record SessionEndReason(SessionEndKind Kind, int StatusCode, string Reason)
{
    /// <summary>
    /// The ITU-T Q.850 cause from a Reason header (RFC 3326) on the BYE, CANCEL or final response that ended
    /// the session, or the one we sent; null when none was signalled.
    /// </summary>
    public int? Q850Cause { get; init; }

    /// <summary>The Q.850 cause of a Reason list, if one of its entries uses the Q.850 protocol.</summary>
    internal static int? FindQ850(IReadOnlyList<Headers.ReasonHeader> reasons)
    {
        foreach (var reason in reasons)
        {
            if (string.Equals(reason.Protocol, "Q.850", StringComparison.OrdinalIgnoreCase) && reason.Cause is { } cause)
            {
                return cause;
            }
        }

        return null;
    }
}

/// <summary>How a session ended.</summary>
public enum SessionEndKind
{
    /// <summary>We sent BYE.</summary>
    LocalHangup,

    /// <summary>The peer sent BYE.</summary>
    RemoteHangup,

    /// <summary>We rejected or cancelled before answer.</summary>
    LocalRejected,

    /// <summary>The peer rejected (final non-2xx) or cancelled before answer.</summary>
    RemoteRejected,

    /// <summary>No response, no ACK, or the transport failed.</summary>
    Failed,
}
