namespace CallCenterSdk.Media.Rtp;

/// <summary>The outcome of <c>RtpSession.ReceiveRtp</c> and, when invalid, why.</summary>
/// <param name="Outcome">What the session did.</param>
/// <param name="ParseFailure">The parse failure when <paramref name="Outcome"/> is <see cref="RtpReceiveOutcome.Invalid"/>.</param>
public readonly record struct RtpReceiveResult(RtpReceiveOutcome Outcome, RtpParseFailure ParseFailure = RtpParseFailure.None)
{
    /// <summary>True when the payload should go on to the jitter buffer and decoder.</summary>
    public bool ShouldPlay => Outcome is RtpReceiveOutcome.Accepted or RtpReceiveOutcome.AcceptedLate or RtpReceiveOutcome.Restarted;
}
