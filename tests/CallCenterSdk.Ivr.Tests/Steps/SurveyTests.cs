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
