using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Tests.Support;
using Xunit.Abstractions;

namespace CallCenterSdk.Ivr.Tests.Flow;

public class ConcurrentExecutionTests(ITestOutputHelper output)
{
    private static readonly int Calls = int.TryParse(Environment.GetEnvironmentVariable("IVR_LOAD_CALLS"), out int n) ? n : 10_000;

    [Fact]
    public async Task Ten_thousand_concurrent_flows_run_in_one_process_and_memory_per_waiting_session_is_reported()
    {
        var clock = new ManualClock(IvrRig.Monday10Utc);
        var engine = new FlowEngine(new IvrServices { Time = clock, Prompts = new PromptRenderer(new ToneSpeech(), null) });
        var flow = FlowJsonLoader.Load("""
            { "schema": "callcentersdk.ivr.flow/1", "id": "load", "start": "welcome", "nodes": [
              { "id": "welcome", "type": "play", "prompts": [{ "silence": 0.5 }], "next": "menu" },
              { "id": "menu", "type": "menu", "prompts": [{ "tone": 440, "seconds": 0.2 }], "options": { "1": "pin", "2": "bye" }, "inputTimeout": 10, "onFailure": "bye" },
              { "id": "pin", "type": "gather", "variable": "pin", "prompts": [], "maxDigits": 4, "next": "check" },
              { "id": "check", "type": "condition", "branches": [ { "if": "pin == call.var.expected or len(pin) == 4", "goto": "bye" } ], "else": "menu" },
              { "id": "bye", "type": "hangup", "reason": "done {pin}" }
            ] }
            """);
        var channels = new InstantChannel[Calls];
        var runs = new Task<FlowResult>[Calls];

        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < Calls; i++)
        {
            channels[i] = new InstantChannel("call-" + i);
            runs[i] = engine.RunAsync(flow, channels[i]);
        }

        long waiting = GC.GetTotalMemory(forceFullCollection: true);
        double perSession = (double)(waiting - before) / Calls;
        output.WriteLine($"{Calls} sessions waiting in a menu: {(waiting - before) / 1024.0 / 1024.0:F1} MiB retained, {perSession:F0} bytes per session (channel included)");
        Assert.All(runs, r => Assert.False(r.IsCompleted));
        Assert.InRange(perSession, 1, 32 * 1024);

        // Every caller answers differently: 1 then a PIN, or 2, or hangs up, or stays silent until the menu gives up.
        var noContext = new NoSynchronizationContext();
        for (int i = 0; i < Calls; i++)
        {
            switch (i % 4)
            {
                case 0:
                    channels[i].Press('1');
                    foreach (char c in (i % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
                    {
                        channels[i].Press(c);
                    }

                    break;
                case 1:
                    channels[i].Press('2');
                    break;
                case 2:
                    channels[i].CallerHangsUp();
                    break;
            }
        }

        // Three 10 s menu timeouts end the silent callers.
        for (int s = 0; s < 31; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        noContext.Dispose();

        var stuck = runs.Select((r, i) => (r, i)).Where(x => !x.r.IsCompleted).Take(3).ToList();
        Assert.True(stuck.Count == 0, $"{runs.Count(r => !r.IsCompleted)} flows did not finish, e.g. call {string.Join(", ", stuck.Select(x => x.i))}");
        var results = await Task.WhenAll(runs);
        for (int i = 0; i < Calls; i++)
        {
            var result = results[i];
            switch (i % 4)
            {
                case 0:
                    Assert.Equal((FlowOutcome.HungUp, "done " + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), (result.Outcome, result.Reason));
                    break;
                case 1:
                    Assert.Equal((FlowOutcome.HungUp, "done "), (result.Outcome, result.Reason));
                    break;
                case 2:
                    Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
                    break;
                default:
                    Assert.Equal((FlowOutcome.HungUp, "done "), (result.Outcome, result.Reason));
                    Assert.Equal(3, result.Trace.Entries.Count(e => e.Kind == FlowTraceKind.NoInput));
                    break;
            }
        }
    }
}
