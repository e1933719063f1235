namespace CallCenterSdk.Hosting.Api;

/// <summary>Sign-in body of <c>POST /api/auth/login</c>.</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="User">User name.</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string? Tenant, string? User, string? Password);

/// <summary>Body of the agent's log-in: not ready with this reason, or available when <see cref="Ready"/> is true.</summary>
/// <param name="Ready">Log in available.</param>
/// <param name="Reason">Not-ready reason [login].</param>
public sealed record AgentLoginRequest(bool Ready = false, string? Reason = null);

/// <summary>Body of not ready.</summary>
/// <param name="Reason">Reason code (letters, digits, '-', '_'; at most 32).</param>
public sealed record NotReadyRequest(string? Reason);

/// <summary>Wrap-up notes of a finished contact.</summary>
/// <param name="Notes">The notes (at most 4000 characters).</param>
/// <param name="CallerNumber">The caller's number: the notes go into that customer's contact history.</param>
/// <param name="Contact">The ACD contact id (<c>tenant/cN</c>); with <see cref="EndWrapUp"/> its wrap-up ends.</param>
/// <param name="EndWrapUp">End the wrap-up of <see cref="Contact"/> now.</param>
public sealed record WrapUpRequest(string? Notes, string? CallerNumber = null, string? Contact = null, bool EndWrapUp = false);

/// <summary>Transfer target.</summary>
/// <param name="Target">Extension, agent, queue or number.</param>
/// <param name="Attended">Consult the target first (attended) instead of a blind transfer.</param>
public sealed record TransferRequest(string? Target, bool Attended = false);

/// <summary>Conference target.</summary>
/// <param name="Target">Extension, agent or number to add.</param>
public sealed record ConferenceRequest(string? Target);

/// <summary>Outbound call.</summary>
/// <param name="Number">Number or extension to dial.</param>
public sealed record DialRequest(string? Number);

/// <summary>A supervisor forces an agent's state.</summary>
/// <param name="State"><c>available</c>, <c>not-ready</c> or <c>logged-out</c>.</param>
/// <param name="Reason">Not-ready reason [supervisor].</param>
public sealed record ForceStateRequest(string? State, string? Reason = null);
