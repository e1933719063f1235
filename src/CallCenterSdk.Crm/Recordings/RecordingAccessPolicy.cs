using CallCenterSdk.Crm.Masking;

namespace CallCenterSdk.Crm.Recordings;

/// <summary>
/// Who may listen to or export recordings. Default: supervisors, auditors, administrators and the
/// system may listen; auditors, administrators and the system may export; agents may listen only to
/// their own calls; field staff never.
/// </summary>
public class RecordingAccessPolicy
{
    /// <summary>The default policy described above.</summary>
    public static RecordingAccessPolicy Default { get; } = new();

    /// <summary>Decides whether <paramref name="userId"/> in <paramref name="role"/> may do <paramref name="kind"/> to <paramref name="recording"/>.</summary>
    /// <param name="recording">The recording.</param>
    /// <param name="userId">Who asks.</param>
    /// <param name="role">In which role.</param>
    /// <param name="kind">Listen or export.</param>
    /// <returns>True when allowed.</returns>
    public virtual bool Allows(Recording recording, string userId, CrmRole role, RecordingAccessKind kind)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return (role, kind) switch
        {
            (CrmRole.System or CrmRole.Administrator or CrmRole.Auditor, _) => true,
            (CrmRole.Supervisor, RecordingAccessKind.Listen) => true,
            (CrmRole.Agent, RecordingAccessKind.Listen) => string.Equals(recording.Agent, userId, StringComparison.Ordinal),
            _ => false,
        };
    }
}
