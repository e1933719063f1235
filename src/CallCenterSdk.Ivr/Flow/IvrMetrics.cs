using System.Diagnostics.Metrics;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// The IVR's counters on the meter "CallCenterSdk.Ivr" (read with dotnet-counters, OpenTelemetry or a
/// MeterListener): flows started and ended by outcome, step timeouts by step type, and DTMF digits by transport.
/// </summary>
public static class IvrMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "CallCenterSdk.Ivr";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> FlowsStarted = Meter.CreateCounter<long>("ivr.flows.started", description: "Flow executions started");

    internal static readonly Counter<long> FlowsEnded = Meter.CreateCounter<long>("ivr.flows.ended", description: "Flow executions ended, tagged with the outcome");

    internal static readonly Counter<long> StepTimeouts = Meter.CreateCounter<long>("ivr.steps.timed_out", description: "Steps that reached their timeout, tagged with the step type");

    internal static readonly Counter<long> Digits = Meter.CreateCounter<long>("ivr.dtmf.received", description: "DTMF digits received, tagged with the transport");
}
