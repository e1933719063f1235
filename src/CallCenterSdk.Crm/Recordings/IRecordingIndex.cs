using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Recordings;

/// <summary>The recording index: metadata, storage location, retention and an access audit.</summary>
public interface IRecordingIndex
{
    /// <summary>Indexes a recording.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recording">The metadata.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when stored.</returns>
    /// <exception cref="CrmValidationException">The id is already used in this tenant or a field is invalid.</exception>
    Task AddAsync(TenantId tenant, Recording recording, CancellationToken cancellationToken = default);

    /// <summary>Searches recordings (metadata only; no audio access, so not audited).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="query">The filter.</param>
    /// <param name="page">Which page.</param>
    /// <param name="role">The reader's role: numbers are masked per the store's policy.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A page of recordings.</returns>
    Task<Page<Recording>> SearchAsync(TenantId tenant, RecordingQuery query, PageRequest page, CrmRole role, CancellationToken cancellationToken = default);

    /// <summary>Asks to listen to or export a recording: checks the access policy and writes the audit
    /// entry (granted or refused) before returning the location.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordingId">The recording.</param>
    /// <param name="userId">Who asks.</param>
    /// <param name="role">In which role.</param>
    /// <param name="kind">Listen or export.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The recording with its location.</returns>
    /// <exception cref="CrmNotFoundException">No such recording in this tenant.</exception>
    /// <exception cref="CrmAccessDeniedException">The policy refuses it (the refusal is audited).</exception>
    Task<Recording> OpenAsync(TenantId tenant, string recordingId, string userId, CrmRole role, RecordingAccessKind kind, CancellationToken cancellationToken = default);

    /// <summary>Reads the access audit of a recording, oldest first.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordingId">The recording.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The audit entries.</returns>
    Task<IReadOnlyList<RecordingAccess>> GetAccessLogAsync(TenantId tenant, string recordingId, CancellationToken cancellationToken = default);

    /// <summary>Changes a recording's retention date (legal hold extends it).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordingId">The recording.</param>
    /// <param name="retainUntil">The new date.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when stored.</returns>
    /// <exception cref="CrmNotFoundException">No such recording in this tenant.</exception>
    Task SetRetentionAsync(TenantId tenant, string recordingId, DateTimeOffset retainUntil, CancellationToken cancellationToken = default);

    /// <summary>Removes index entries whose retention date has passed (per the store's TimeProvider)
    /// and returns them so the host deletes the audio. The access audit is kept.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The expired recordings that were removed.</returns>
    Task<IReadOnlyList<Recording>> PurgeExpiredAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
