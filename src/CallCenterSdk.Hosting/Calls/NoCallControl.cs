namespace CallCenterSdk.Hosting.Calls;

/// <summary>
/// The stand-in while no call-control layer is registered: every action answers
/// <see cref="CallActionStatus.NotImplemented"/> with a detail that says what is missing.
/// </summary>
public sealed class NoCallControl : ICallCenterCalls
{
    

    /// <inheritdoc />
    public bool IsAvailable => false;

    /// <inheritdoc />
    public Task<CallActionResult> AnswerAsync(CallActor actor, CancellationToken cancellationToken) => Refuse("answer calls");

    /// <inheritdoc />
    public Task<CallActionResult> HoldAsync(CallActor actor, string callId, CancellationToken cancellationToken) => Refuse("hold calls");

    /// <inheritdoc />
    public Task<CallActionResult> ResumeAsync(CallActor actor, string callId, CancellationToken cancellationToken) => Refuse("resume calls");

    /// <inheritdoc />
    public Task<CallActionResult> TransferAsync(CallActor actor, string callId, string target, bool attended, CancellationToken cancellationToken) =>
        Refuse(attended ? "make attended transfers" : "make blind transfers");

    /// <inheritdoc />
    public Task<CallActionResult> ConferenceAsync(CallActor actor, string callId, string target, CancellationToken cancellationToken) => Refuse("conference calls");

    /// <inheritdoc />
    public Task<CallActionResult> HangUpAsync(CallActor actor, string callId, CancellationToken cancellationToken) => Refuse("hang up calls");

    /// <inheritdoc />
    public Task<CallActionResult> DialAsync(CallActor actor, string number, CancellationToken cancellationToken) => Refuse("dial out");

    /// <inheritdoc />
    public Task<CallActionResult> MonitorAsync(CallActor supervisor, string callId, MonitorMode mode, CancellationToken cancellationToken) =>
        Refuse(mode.ToString().ToLowerInvariant() + " to calls");

    private static Task<CallActionResult> Refuse(string what) =>
        Task.FromResult(new CallActionResult(CallActionStatus.NotImplemented, $"Call control is not available in this host: register an ICallCenterCalls implementation (CallCenterSdk.Calls) to {what}."));
}
