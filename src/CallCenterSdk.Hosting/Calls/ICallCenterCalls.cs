namespace CallCenterSdk.Hosting.Calls;

/// <summary>
/// The call-control actions of the agent desk and the supervisor, as the REST API calls them. The hosting
/// package registers <see cref="NoCallControl"/> (every action answers <see cref="CallActionStatus.NotImplemented"/>,
/// HTTP 501); a call-control layer registers its own implementation with
/// <c>services.AddSingleton&lt;ICallCenterCalls, ...&gt;()</c>, which replaces it. Every call names its tenant
/// and acting agent or supervisor: an implementation must refuse calls that are not the tenant's with
/// <see cref="CallActionStatus.NotFound"/>.
/// </summary>
public interface ICallCenterCalls
{
    /// <summary>True when a real call-control implementation is present.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Answers the call ringing on the agent's phone from the desk (remote answer: the phone is told to answer);
    /// <see cref="CallActionStatus.NotFound"/> when no call is offered to the agent, <see cref="CallActionStatus.Conflict"/>
    /// when the agent's call is not ringing, <see cref="CallActionStatus.PeerFailed"/> when the phone refuses.
    /// </summary>
    Task<CallActionResult> AnswerAsync(CallActor actor, CancellationToken cancellationToken);

    /// <summary>Puts a call of the agent on hold (music on hold for the far end).</summary>
    Task<CallActionResult> HoldAsync(CallActor actor, string callId, CancellationToken cancellationToken);

    /// <summary>Takes a call of the agent off hold.</summary>
    Task<CallActionResult> ResumeAsync(CallActor actor, string callId, CancellationToken cancellationToken);

    /// <summary>Transfers a call to <paramref name="target"/> (an extension, agent, queue or number): blind (REFER at once) or attended (consult first, then REFER with Replaces).</summary>
    Task<CallActionResult> TransferAsync(CallActor actor, string callId, string target, bool attended, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="target"/> to the call as a conference.</summary>
    Task<CallActionResult> ConferenceAsync(CallActor actor, string callId, string target, CancellationToken cancellationToken);

    /// <summary>Hangs up a call of the agent.</summary>
    Task<CallActionResult> HangUpAsync(CallActor actor, string callId, CancellationToken cancellationToken);

    /// <summary>Places an outbound call from the agent's phone to <paramref name="number"/>.</summary>
    Task<CallActionResult> DialAsync(CallActor actor, string number, CancellationToken cancellationToken);

    /// <summary>Supervisor monitoring of an agent's call.</summary>
    Task<CallActionResult> MonitorAsync(CallActor supervisor, string callId, MonitorMode mode, CancellationToken cancellationToken);
}
