namespace CallCenterSdk.Ivr.Surveys;

/// <summary>The answer to one survey question.</summary>
/// <param name="QuestionId">The question.</param>
/// <param name="Key">The key pressed, or null when the caller gave no valid answer.</param>
/// <param name="Score">The score that key maps to, or null.</param>
public sealed record SurveyAnswer(string QuestionId, char? Key, int? Score);
