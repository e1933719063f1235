using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Calls;

/// <summary>Who ended a leg.</summary>
public enum CallEndParty
{
    /// <summary>We hung up, cancelled or rejected.</summary>
    Local,

    /// <summary>The peer hung up, cancelled or rejected.</summary>
    Remote,

    /// <summary>The network: no response, no ACK, transport failure.</summary>
    Network,
}

/// <summary>
/// Why a leg ended, kept for CDRs: the SIP status (200 for a normal BYE, 486 busy, 487 cancelled, 408 no
/// response...) and the ITU-T Q.850 cause, signalled in a Reason header or derived from the SIP status as RFC 3398
/// maps them.
/// </summary>
/// <param name="Party">Who ended it.</param>
/// <param name="SipStatus">The SIP status code.</param>
/// <param name="Q850Cause">The Q.850 cause (16 normal clearing, 17 busy, 19 no answer, 21 rejected...).</param>
/// <param name="Reason">A readable reason.</param>
public sealed record CallEndCause(CallEndParty Party, int SipStatus, int Q850Cause, string Reason)
{
    /// <summary>Q.850 16: normal call clearing.</summary>
    public const int NormalClearing = 16;

    /// <summary>Q.850 19: no answer from user (user alerted): a target CANCELled after ringing unanswered.</summary>
    public const int NoAnswer = 19;

    /// <summary>Builds the cause from the SIP layer's end reason.</summary>
    public static CallEndCause From(SessionEndReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var party = reason.Kind switch
        {
            SessionEndKind.LocalHangup or SessionEndKind.LocalRejected => CallEndParty.Local,
            SessionEndKind.RemoteHangup or SessionEndKind.RemoteRejected => CallEndParty.Remote,
            _ => CallEndParty.Network,
        };
        return new CallEndCause(party, reason.StatusCode, reason.Q850Cause ?? Q850FromSip(reason.StatusCode), reason.Reason);
    }

    /// <summary>The Q.850 cause for a SIP final status, after RFC 3398 §8.2.6.1 (and 16 for a 2xx).</summary>
    public static int Q850FromSip(int status) => status switch
    {
        >= 200 and < 300 => NormalClearing,
        400 or 402 or 406 or 407 or 413 or 414 or 416 or 420 or 421 or 423 or 505 or 513 => 127,
        401 or 403 or 603 => 21,
        404 or 485 or 604 => 1,
        405 or 501 => 79,
        408 or 504 => 102,
        410 => 22,
        415 or 488 or 606 => 65,
        480 => 18,
        483 => 25,
        484 => 28,
        486 or 600 => 17,
        487 => 127,
        500 or 503 or 580 => 41,
        502 => 38,
        _ => 31,
    };
}
