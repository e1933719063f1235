using CallCenterSdk.Crm.Masking;

namespace CallCenterSdk.Crm.Recordings;

/// <summary>One entry of the recording access audit: who tried to listen or export, when, and whether it was allowed.</summary>
/// <param name="RecordingId">The recording.</param>
/// <param name="UserId">Who.</param>
/// <param name="Role">In which role.</param>
/// <param name="Kind">Listen or export.</param>
/// <param name="At">When.</param>
/// <param name="Granted">False when the access policy refused it.</param>
public sealed record RecordingAccess(string RecordingId, string UserId, CrmRole Role, RecordingAccessKind Kind, DateTimeOffset At, bool Granted);
