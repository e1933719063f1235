using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Surveys;

/// <summary>One survey question: a prompt and the keys that answer it with a score.</summary>
/// <param name="Id">The question's id (results and the <c>survey.ID</c> variable use it).</param>
/// <param name="Prompts">The question ("Press 1 if you were satisfied, 2 if neutral, 3 if not").</param>
/// <param name="Scores">Keys and their scores.</param>
public sealed record SurveyQuestion(string Id, IReadOnlyList<Prompt> Prompts, IReadOnlyDictionary<char, int> Scores)
{
    /// <summary>Attempts before the question is skipped unanswered. Default 2.</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>Wait for a key. Default 5 s.</summary>
    public TimeSpan InputTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Played after a key that is not an answer.</summary>
    public IReadOnlyList<Prompt>? InvalidPrompts { get; init; }
}
