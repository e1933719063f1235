using CallCenterSdk.Ivr.Data;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Json;

/// <summary>
/// The record, goto, sub-flow and look-up steps written as JSON (Json/Flows/account-callback.json and callback.json):
/// their options as the loader reads them, and the flows run on the media test channel.
/// </summary>
public class JsonFlowStepsTests
{
    private static IvrFlow LoadFlow(string name) =>
        FlowJsonLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Json", "Flows", name)));

    private sealed class Crm : IIvrDataSource
    {
        public List<(string Operation, IReadOnlyDictionary<string, string> Parameters)> Calls { get; } = [];

        public ValueTask<IReadOnlyDictionary<string, string?>> LookupAsync(string operation, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
        {
            Calls.Add((operation, parameters));
            IReadOnlyDictionary<string, string?> found = operation switch
            {
                "customers/+8613800000000" => new Dictionary<string, string?> { ["name"] = "Li Wei", ["tier"] = "gold" },
                "customers/+8613900000000" => new Dictionary<string, string?> { ["name"] = "Zhang San", ["tier"] = "silver" },
                _ => throw new DataLookupException("404 customer not found"),
            };
            return ValueTask.FromResult(found);
        }
    }

    private static (IvrRig Rig, Crm Crm) Rig(string callerNumber)
    {
        var crm = new Crm();
        var rig = new IvrRig(callerNumber, configure: s => s with { DataSources = new Dictionary<string, IIvrDataSource> { ["crm"] = crm } });
        rig.Flows.Add(LoadFlow("callback.json"));
        return (rig, crm);
    }

    [Fact]
    public void Lookup_goto_subflow_and_record_options_are_read_from_json()
    {
        var main = LoadFlow("account-callback.json");
        Assert.True(main.TryGetStep("customer", out var step));
        var lookup = Assert.IsType<DataLookupStep>(step);
        Assert.Equal(("crm", "customers/{caller.number}", "crm", "tier", "sorry"), (lookup.Source, lookup.Operation.Text, lookup.ResultPrefix, lookup.Next, lookup.OnFailure));
        Assert.Equal((TimeSpan.FromSeconds(2), "sorry"), (lookup.Timeout, lookup.OnTimeout));
        Assert.Equal([("channel", "'ivr'"), ("called", "call.called")], lookup.Parameters.Select(p => (p.Key, p.Value.Text)));

        Assert.True(main.TryGetStep("to-callback", out step));
        Assert.Equal("callback", Assert.IsType<GotoStep>(step).Target);

        Assert.True(main.TryGetStep("callback", out step));
        var subFlow = Assert.IsType<SubFlowStep>(step);
        Assert.Equal(("callback", "bye"), (subFlow.FlowId, subFlow.Next));
        Assert.Equal([("number", "caller.number"), ("name", "crm.name")], subFlow.Arguments.Select(a => (a.Key, a.Value.Text)));
        Assert.Equal([new("message", "callback.message"), new("message.seconds", "callback.seconds"), new KeyValuePair<string, string>("message.end", "callback.end")], subFlow.Outputs);

        var callback = LoadFlow("callback.json");
        Assert.Equal(["number", "name"], callback.Parameters);
        Assert.True(callback.TryGetStep("message", out step));
        var record = Assert.IsType<RecordStep>(step);
        Assert.Equal(("message", "callback-{number}", null), (record.Variable, record.Name!.Text, record.Next));
        var o = record.Options;
        Assert.Equal((TimeSpan.FromSeconds(20), (TimeSpan?)TimeSpan.FromSeconds(1.5), 500, "#*", true, true),
            (o.MaxLength, o.SilenceTimeout, o.SilenceThreshold, o.FinishOnKey, o.Beep, o.TrimSilence));
        Assert.Equal("text:Say when suits you after the tone.", Assert.Single(o.Prompts).Description);
    }

    [Fact]
    public void A_null_silence_timeout_in_json_never_ends_on_silence()
    {
        var flow = FlowJsonLoader.Load("""
            { "schema": "callcentersdk.ivr.flow/1", "id": "f", "start": "r",
              "nodes": [ { "id": "r", "type": "record", "variable": "m", "silenceTimeout": null } ] }
            """);
        Assert.True(flow.TryGetStep("r", out var step));
        Assert.Null(((RecordStep)step).Options.SilenceTimeout);
        var absent = FlowJsonLoader.Load("""
            { "schema": "callcentersdk.ivr.flow/1", "id": "f", "start": "r", "nodes": [ { "id": "r", "type": "record", "variable": "m" } ] }
            """);
        Assert.True(absent.TryGetStep("r", out step));
        Assert.Equal(TimeSpan.FromSeconds(5), ((RecordStep)step).Options.SilenceTimeout);
    }

    [Fact]
    public async Task A_gold_customer_is_looked_up_sent_by_goto_into_the_sub_flow_and_recorded()
    {
        var (rig, crm) = Rig("+8613800000000");
        var result = await rig.RunAsync(LoadFlow("account-callback.json"),
            new CallerScript().WaitForPrompt("tone:1000").Wait(TimeSpan.FromMilliseconds(300)).Speak(TimeSpan.FromSeconds(2)));

        Assert.Equal((FlowOutcome.HungUp, "callback rec-1 for Li Wei"), (result.Outcome, result.Reason));
        var call = Assert.Single(crm.Calls);
        Assert.Equal("customers/+8613800000000", call.Operation);
        Assert.Equal(new Dictionary<string, string> { ["channel"] = "ivr", ["called"] = "4008001234" }, call.Parameters);
        Assert.Equal(
            ["account-callback/customer", "account-callback/tier", "account-callback/to-callback", "account-callback/callback",
             "callback/greet", "callback/message", "account-callback/bye"],
            result.Trace.VisitedNodes);
        // The sub-flow saw its arguments, not the caller's variables.
        Assert.Contains("Hello Li Wei, we will call you back on +8613800000000.", ((ToneSpeech)rig.Speech).Requests.Select(r => r.Text));
        var saved = Assert.Single(rig.Recordings.Saved);
        Assert.Equal("callback-+8613800000000", saved.Name);
        Assert.Equal("rec-1", result.Variables["callback.message"].ToString());
        Assert.Equal("silence", result.Variables["callback.end"].ToString());
        Assert.InRange(result.Variables["callback.seconds"].AsNumber, 2.0m, 2.25m);
        Assert.False(result.Variables.ContainsKey("message"));
    }

    [Fact]
    public async Task The_finish_keys_from_json_end_the_sub_flows_recording()
    {
        var (rig, _) = Rig("+8613800000000");
        var result = await rig.RunAsync(LoadFlow("account-callback.json"),
            new CallerScript().WaitForPrompt("tone:1000").Speak(TimeSpan.FromSeconds(1)).Wait(TimeSpan.FromMilliseconds(200)).PressTelephoneEvent("*"));
        Assert.Equal("key", result.Variables["callback.end"].ToString());
    }

    [Theory]
    [InlineData("+8613900000000", "no callback: silver")]
    [InlineData("+8613700000000", "no callback: 404 customer not found")]
    public async Task A_customer_who_is_not_gold_or_not_found_takes_the_else_or_failure_branch(string caller, string reason)
    {
        var (rig, _) = Rig(caller);
        var result = await rig.RunAsync(LoadFlow("account-callback.json"));
        Assert.Equal((FlowOutcome.HungUp, reason), (result.Outcome, result.Reason));
        Assert.Empty(rig.Recordings.Saved);
        Assert.DoesNotContain(result.Trace.VisitedNodes, n => n.StartsWith("callback/", StringComparison.Ordinal));
    }
}
