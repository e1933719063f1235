namespace CallCenterSdk.Crm.Recordings;

/// <summary>Metadata of a call recording and where its audio is stored.</summary>
/// <param name="RecordingId">Unique id within the tenant (what CDRs reference).</param>
/// <param name="CallId">SIP Call-ID of the recorded call.</param>
/// <param name="Agent">Agent on the call, if any.</param>
/// <param name="Queue">Queue of the call, if any.</param>
/// <param name="CallerNumber">Customer number, E.164 where known (masked per role on reads).</param>
/// <param name="StartedAt">When recording started.</param>
/// <param name="DurationSeconds">Length in seconds.</param>
/// <param name="Format">Audio format, such as "wav/pcm16/8000/2".</param>
/// <param name="Location">Storage location (file path or URI) the host resolves.</param>
/// <param name="SizeBytes">Size of the stored audio.</param>
/// <param name="RetainUntil">After this instant the recording is due for deletion.</param>
public sealed record Recording(
    string RecordingId,
    string CallId,
    string? Agent,
    string? Queue,
    string? CallerNumber,
    DateTimeOffset StartedAt,
    int DurationSeconds,
    string Format,
    string Location,
    long SizeBytes,
    DateTimeOffset RetainUntil);
