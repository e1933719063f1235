namespace CallCenterSdk.Crm.Reports;

/// <summary>Checks agent-state spans before any store writes them.</summary>
internal static class AgentStateRules
{
    /// <summary>Spans are at most a day long, so a report only looks one day back for overlapping spans.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(1);

    public static void Validate(AgentStateRecord span)
    {
        ArgumentNullException.ThrowIfNull(span);
        if (string.IsNullOrEmpty(span.Agent) || span.Agent.Length > 256)
        {
            throw new CrmValidationException("agent", "is required and at most 256 characters");
        }

        if (span.EndedAt < span.StartedAt || span.EndedAt - span.StartedAt > MaxSpan)
        {
            throw new CrmValidationException("endedAt", $"a span must end after it starts and last at most {MaxSpan.TotalHours} h (agent {span.Agent})");
        }

        if (!Enum.IsDefined(span.State))
        {
            throw new CrmValidationException("state", $"unknown state {(int)span.State}");
        }
    }
}
