namespace CallCenterSdk.Hosting.Calls;

/// <summary>Outcome of a call action with a human-readable detail.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">Why, for the ProblemDetails of a refusal.</param>
/// <param name="CallId">The call concerned (a new call for dial).</param>
public sealed record CallActionResult(CallActionStatus Status, string? Detail = null, string? CallId = null)
{
    /// <summary>An accepted action.</summary>
    public static CallActionResult Accepted(string callId) => new(CallActionStatus.Accepted, null, callId);
}
