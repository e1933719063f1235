namespace CallCenterSdk.Crm.Cdr;

/// <summary>Checks a CDR before any store writes it, so all implementations reject the same input.</summary>
internal static class CdrRules
{
    public const int MaxIdLength = 256;
    public const int MaxTextLength = 1024;

    public static void Validate(CallDetailRecord cdr)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        Require(cdr.CallId, "callId");
        Require(cdr.LegId, "legId");
        if (cdr.EndedAt < cdr.StartedAt)
        {
            throw new CrmValidationException("endedAt", $"{cdr.EndedAt:O} is before startedAt {cdr.StartedAt:O} (leg {cdr.LegId})");
        }

        if (cdr.AnsweredAt is { } a && (a < cdr.StartedAt || a > cdr.EndedAt))
        {
            throw new CrmValidationException("answeredAt", $"{a:O} is outside the leg's start and end (leg {cdr.LegId})");
        }

        if (cdr.Disposition == CallDisposition.Answered && cdr.AnsweredAt is null)
        {
            throw new CrmValidationException("answeredAt", $"an Answered leg needs an answer time (leg {cdr.LegId})");
        }

        if (!Enum.IsDefined(cdr.Disposition) || !Enum.IsDefined(cdr.Direction))
        {
            throw new CrmValidationException("disposition", $"unknown direction or disposition (leg {cdr.LegId})");
        }

        if (cdr.QueueWaitMilliseconds is < 0 or > CallDetailRecord.MaxQueueWaitMilliseconds)
        {
            throw new CrmValidationException("queueWaitMilliseconds", $"{cdr.QueueWaitMilliseconds} is outside 0..{CallDetailRecord.MaxQueueWaitMilliseconds} (leg {cdr.LegId})");
        }

        if (cdr.HoldSeconds < 0 || cdr.WrapUpSeconds < 0)
        {
            throw new CrmValidationException("seconds", $"hold and wrap-up must not be negative (leg {cdr.LegId})");
        }

        if (cdr.Mos is { } mos && (mos < 1 || mos > 5 || double.IsNaN(mos)))
        {
            throw new CrmValidationException("mos", $"{mos} is outside 1..5 (leg {cdr.LegId})");
        }

        foreach (var text in new[] { cdr.LinkedId, cdr.CallerNumber, cdr.CallerName, cdr.CalledNumber, cdr.Queue, cdr.Agent, cdr.IvrPath, cdr.RecordingId, cdr.Codec })
        {
            if (text is { Length: > MaxTextLength })
            {
                throw new CrmValidationException("text", $"a text field is longer than {MaxTextLength} characters (leg {cdr.LegId})");
            }
        }
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new CrmValidationException(field, "is required");
        }

        if (value.Length > MaxIdLength)
        {
            throw new CrmValidationException(field, $"is longer than {MaxIdLength} characters");
        }
    }
}
