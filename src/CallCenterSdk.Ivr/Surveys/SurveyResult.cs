namespace CallCenterSdk.Ivr.Surveys;

/// <summary>A caller's satisfaction survey, stored with the call, agent and queue it is about.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="SurveyId">Which survey.</param>
/// <param name="CallId">The call.</param>
/// <param name="AgentId">The agent who served the caller, if known.</param>
/// <param name="Queue">The queue the caller came through, if known.</param>
/// <param name="CallerNumber">The caller.</param>
/// <param name="Answers">One answer per question asked.</param>
/// <param name="Complete">False when the caller hung up before the last question.</param>
/// <param name="CompletedAt">When the survey ended.</param>
public sealed record SurveyResult(
    string TenantId, string SurveyId, string CallId, string? AgentId, string? Queue, string CallerNumber,
    IReadOnlyList<SurveyAnswer> Answers, bool Complete, DateTimeOffset CompletedAt);
