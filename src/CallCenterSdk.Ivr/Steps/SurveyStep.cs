using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Surveys;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// A post-call satisfaction survey: questions answered by keys mapped to scores, stored through
/// <see cref="ISurveyResultStore"/> with the call id, agent and queue. A caller who hangs up part-way has the
/// answers so far stored as incomplete. Sets <c>survey.QUESTION</c> to each score.
/// </summary>
public sealed class SurveyStep(string id, string surveyId, IReadOnlyList<SurveyQuestion> questions) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "survey";

    /// <summary>The survey's id.</summary>
    public string SurveyId { get; } = surveyId;

    /// <summary>The questions, asked in order.</summary>
    public IReadOnlyList<SurveyQuestion> Questions { get; } = questions;

    /// <summary>Said first.</summary>
    public IReadOnlyList<Prompt>? IntroPrompts { get; init; }

    /// <summary>Said after the last answer.</summary>
    public IReadOnlyList<Prompt>? ThanksPrompts { get; init; }

    /// <summary>The agent the survey is about. Default <c>queue.agent</c>.</summary>
    public Expression Agent { get; init; } = Expression.Parse("queue.agent");

    /// <summary>The queue the survey is about. Default <c>queue.name</c>.</summary>
    public Expression QueueName { get; init; } = Expression.Parse("queue.name");

    /// <summary>The next node; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <inheritdoc />
    public override bool TakesInput => true;

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        var store = session.Services.SurveyResults
            ?? throw new FlowExecutionException($"Survey step '{Id}' needs IvrServices.SurveyResults.");
        var agent = Agent.Evaluate(session);
        var queue = QueueName.Evaluate(session);
        var answers = new List<SurveyAnswer>();
        try
        {
            session.Digits.Clear();
            await session.SayAsync(IntroPrompts, cancellationToken).ConfigureAwait(false);
            foreach (var question in Questions)
            {
                var answer = await AskAsync(session, question, cancellationToken).ConfigureAwait(false);
                answers.Add(answer);
                session.SetVariable("survey." + question.Id, answer.Score is { } s ? ExpressionValue.FromNumber(s) : ExpressionValue.Null);
            }
        }
        catch (OperationCanceledException) when (session.Channel.IsHungUp)
        {
            await SaveAsync(false).ConfigureAwait(false);
            throw;
        }

        await SaveAsync(true).ConfigureAwait(false);
        await session.SayAsync(ThanksPrompts, cancellationToken).ConfigureAwait(false);
        return Next;

        async Task SaveAsync(bool complete)
        {
            var result = new SurveyResult(session.Channel.TenantId, SurveyId, session.Channel.CallId,
                agent.IsNull ? null : agent.ToString(), queue.IsNull ? null : queue.ToString(),
                session.Channel.CallerNumber, answers, complete, session.Now);
            await store.SaveAsync(result, CancellationToken.None).ConfigureAwait(false);
            session.Record(FlowTraceKind.External, $"survey {SurveyId} stored ({answers.Count} answers, complete={complete})");
        }
    }

    private static async Task<SurveyAnswer> AskAsync(FlowSession session, SurveyQuestion question, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= question.MaxAttempts; attempt++)
        {
            await session.PlayAsync(question.Prompts, 1, true, cancellationToken).ConfigureAwait(false);
            char? key = await session.Digits.ReadAsync(question.InputTimeout, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                session.Record(FlowTraceKind.NoInput, $"{question.Id} attempt {attempt}");
                continue;
            }

            if (question.Scores.TryGetValue(key.Value, out int score))
            {
                session.Accept($"{question.Id}={key.Value}");
                return new SurveyAnswer(question.Id, key.Value, score);
            }

            session.Record(FlowTraceKind.InvalidInput, $"{question.Id} '{key.Value}'");
            session.Digits.Clear();
            if (attempt < question.MaxAttempts)
            {
                await session.SayAsync(question.InvalidPrompts, cancellationToken).ConfigureAwait(false);
            }
        }

        return new SurveyAnswer(question.Id, null, null);
    }
}
