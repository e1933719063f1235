namespace CallCenterSdk.Calls.Transfer;

/// <summary>The outcome of a REFER we sent, with the progress its NOTIFYs reported.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="ReferStatus">The final response to the REFER (202 when accepted).</param>
/// <param name="FinalStatus">The status of the last sipfrag, when one came.</param>
/// <param name="Progress">Every sipfrag status reported, in order (100, 180, 200...).</param>
/// <param name="Reason">A readable reason.</param>
public sealed record TransferResult(TransferOutcome Outcome, int ReferStatus, int? FinalStatus, IReadOnlyList<int> Progress, string Reason)
{
    /// <summary>True when the transferee reached the target.</summary>
    public bool Succeeded => Outcome == TransferOutcome.Succeeded;
}
