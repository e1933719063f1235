using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Surveys;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Steps;

public class SurveyTests
{
    private static IvrFlow Survey() => new FlowBuilder("s")
        .Set("ctx", "survey", ("queue.agent", "'agent-3'"), ("queue.name", "'billing'"))
        .Add(new SurveyStep("survey", "csat",
        [
            new SurveyQuestion("satisfied", [Prompt.Say("satisfied?")], new Dictionary<char, int> { ['1'] = 5, ['2'] = 3, ['3'] = 1 })
            {
                InvalidPrompts = [Prompt.Say("1, 2 or 3 please")],
            },
            new SurveyQuestion("resolved", [Prompt.Say("resolved?")], new Dictionary<char, int> { ['1'] = 1, ['2'] = 0 }),
        ])
        {
            ThanksPrompts = [Prompt.Say("thanks")],
        })
        .Build();

    [Fact]
    public async Task Survey_maps_keys_to_scores_and_stores_them_with_call_agent_and_queue()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(Survey(), new CallerScript()
            .WaitForPrompt("satisfied?").PressInBand("9")
            .WaitForPrompt("1, 2 or 3").WaitForPrompt("satisfied?").PressInBand("2")
            .WaitForPrompt("resolved?").PressTelephoneEvent("1"));
        var stored = Assert.Single(rig.Surveys.Saved);
        Assert.Equal(("tenant-a", "csat", rig.Channel.CallId, "agent-3", "billing", true), (stored.TenantId, stored.SurveyId, stored.CallId, stored.AgentId, stored.Queue, stored.Complete));
        Assert.Equal([new SurveyAnswer("satisfied", '2', 3), new SurveyAnswer("resolved", '1', 1)], stored.Answers);
        Assert.Equal(3m, result.Variables["survey.satisfied"].AsNumber);
        Assert.Equal("text:thanks", rig.Channel.Prompts[^1].Description);
    }

    [Fact]
    public async Task Unanswered_questions_are_stored_without_a_score()
    {
        var rig = new IvrRig();
        await rig.RunAsync(Survey(), new CallerScript().WaitForPrompt("resolved?").PressInBand("2"));
        var stored = rig.Surveys.Saved.Single();
        Assert.Equal([new SurveyAnswer("satisfied", null, null), new SurveyAnswer("resolved", '2', 0)], stored.Answers);
    }

    private static IvrFlow OneQuestion(int maxAttempts) => new FlowBuilder("s")
        .Add(new SurveyStep("survey", "nps",
        [
            new SurveyQuestion("recommend", [Prompt.Say("recommend?")], new Dictionary<char, int> { ['1'] = 10, ['2'] = 0 })
            {
                MaxAttempts = maxAttempts,
                InvalidPrompts = [Prompt.Say("press 1 or 2")],
            },
        ]))
        .Build();

    [Fact]
    public async Task A_question_is_asked_up_to_max_attempts_with_the_invalid_prompt_between_attempts()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(OneQuestion(maxAttempts: 3), new CallerScript()
            .WaitForPrompt("recommend?").PressInBand("7")
            .WaitForPrompt("press 1 or 2").WaitForPrompt("recommend?").PressInBand("8")
            .WaitForPrompt("press 1 or 2").WaitForPrompt("recommend?").PressInBand("1"));
        Assert.Equal(["text:recommend?", "text:press 1 or 2", "text:recommend?", "text:press 1 or 2", "text:recommend?"], rig.Channel.Prompts.Select(p => p.Description));
        Assert.Equal([new SurveyAnswer("recommend", '1', 10)], rig.Surveys.Saved.Single().Answers);
        Assert.Equal(10m, result.Variables["survey.recommend"].AsNumber);
    }

    [Fact]
    public async Task After_the_last_attempt_the_question_is_left_unanswered_without_another_invalid_prompt()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(OneQuestion(maxAttempts: 2), new CallerScript()
            .WaitForPrompt("recommend?").PressInBand("7")
            .WaitForPrompt("press 1 or 2").WaitForPrompt("recommend?").PressInBand("9"));
        Assert.Equal(["text:recommend?", "text:press 1 or 2", "text:recommend?"], rig.Channel.Prompts.Select(p => p.Description));
        var stored = rig.Surveys.Saved.Single();
        Assert.True(stored.Complete);
        Assert.Equal([new SurveyAnswer("recommend", null, null)], stored.Answers);
        Assert.Equal(2, result.Trace.Entries.Count(e => e.Kind == FlowTraceKind.InvalidInput));
        Assert.True(result.Variables["survey.recommend"].IsNull);
    }

    [Fact]
    public async Task Caller_hanging_up_mid_survey_leaves_an_incomplete_result()
    {
        var rig = new IvrRig();
        var result = await rig.RunAsync(Survey(), new CallerScript().WaitForPrompt("satisfied?").PressInBand("1").WaitForPrompt("resolved?").HangUp());
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        var stored = rig.Surveys.Saved.Single();
        Assert.False(stored.Complete);
        Assert.Equal([new SurveyAnswer("satisfied", '1', 5)], stored.Answers);
    }
}
