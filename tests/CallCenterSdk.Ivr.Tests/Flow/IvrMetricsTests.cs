using System.Diagnostics.Metrics;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Flow;

public class IvrMetricsTests
{
    [Fact]
    public async Task Flows_outcomes_step_timeouts_and_digits_are_counted()
    {
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IvrMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // Other tests run flows in parallel and add to the same counters, so the assertions are lower bounds.
        var rig = new IvrRig();
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string key = instrument.Name + string.Concat(tags.ToArray().Select(t => "/" + t.Value));
            lock (counts)
            {
                counts[key] = counts.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();

        var flow = new FlowBuilder("m")
            .Add(new GatherStep("g", "n", [Prompt.Say("digits")]) { MaxDigits = 3, Next = "slow" })
            .Add(new PlayStep("slow", [Prompt.Tone(300, 0, TimeSpan.FromMinutes(1))]) { Timeout = TimeSpan.FromSeconds(1), OnTimeout = "bye" })
            .HangUp("bye", "bye")
            .Build();
        await rig.RunAsync(flow, new CallerScript().WaitForPrompt("digits").PressInBand("12").PressTelephoneEvent("3"));

        lock (counts)
        {
            Assert.True(counts.GetValueOrDefault("ivr.flows.started") >= 1);
            Assert.True(counts.GetValueOrDefault("ivr.flows.ended/HungUp") >= 1);
            Assert.True(counts.GetValueOrDefault("ivr.steps.timed_out/play") >= 1);
            Assert.True(counts.GetValueOrDefault("ivr.dtmf.received/InBand") >= 2);
            Assert.True(counts.GetValueOrDefault("ivr.dtmf.received/TelephoneEvent") >= 1);
        }
    }
}
