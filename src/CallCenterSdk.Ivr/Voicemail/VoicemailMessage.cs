using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>A voicemail left by a caller.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Mailbox">The mailbox (extension, queue or department).</param>
/// <param name="CallId">The call.</param>
/// <param name="CallerNumber">Who left it.</param>
/// <param name="ReceivedAt">When recording ended.</param>
/// <param name="Audio">The message audio (trimmed if asked).</param>
/// <param name="EndedBy">Why the recording stopped.</param>
public sealed record VoicemailMessage(
    string TenantId, string Mailbox, string CallId, string CallerNumber, DateTimeOffset ReceivedAt, PcmAudio Audio, RecordingEnd EndedBy);
