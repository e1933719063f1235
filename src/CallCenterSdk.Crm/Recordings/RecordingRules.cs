namespace CallCenterSdk.Crm.Recordings;

/// <summary>Checks recording metadata before any store writes it.</summary>
internal static class RecordingRules
{
    public static void Validate(Recording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (string.IsNullOrEmpty(recording.RecordingId) || recording.RecordingId.Length > 256)
        {
            throw new CrmValidationException("recordingId", "is required and at most 256 characters");
        }

        if (string.IsNullOrEmpty(recording.CallId))
        {
            throw new CrmValidationException("callId", "is required");
        }

        if (string.IsNullOrEmpty(recording.Location))
        {
            throw new CrmValidationException("location", "is required");
        }

        if (recording.DurationSeconds < 0 || recording.SizeBytes < 0)
        {
            throw new CrmValidationException("duration", "duration and size must not be negative");
        }

        if (recording.RetainUntil < recording.StartedAt)
        {
            throw new CrmValidationException("retainUntil", "is before the recording started");
        }
    }
}
