using System.Diagnostics.Metrics;

namespace CallCenterSdk.Sip.Stack;

/// <summary>The SIP stack's instruments on the meter <c>CallCenterSdk.Sip</c>.</summary>
public static class SipMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry, dotnet-counters).</summary>
    public const string MeterName = "CallCenterSdk.Sip";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> RequestsReceived = Meter.CreateCounter<long>("sip.requests.received", description: "SIP requests received, by method");
    internal static readonly Counter<long> ResponsesReceived = Meter.CreateCounter<long>("sip.responses.received", description: "SIP responses received, by status code");
    internal static readonly Counter<long> RequestsSent = Meter.CreateCounter<long>("sip.requests.sent", description: "SIP requests sent (client transactions and ACKs; not retransmissions), by method");
    internal static readonly Counter<long> ResponsesSent = Meter.CreateCounter<long>("sip.responses.sent", description: "SIP responses sent (by server transactions and statelessly, as the 400 and 483 of the stack; not retransmissions), by status code");
    internal static readonly Counter<long> Malformed = Meter.CreateCounter<long>("sip.messages.malformed", description: "Messages that could not be parsed");
    internal static readonly Counter<long> Rejected = Meter.CreateCounter<long>("sip.messages.rejected", description: "Messages dropped by the admission hook");
    internal static readonly Counter<long> Retransmissions = Meter.CreateCounter<long>("sip.retransmissions", description: "Requests and responses retransmitted by transactions");
    internal static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("sip.transaction.timeouts", description: "Transactions ended by Timer B, F or H");
    internal static readonly Counter<long> TransportErrors = Meter.CreateCounter<long>("sip.transport.errors", description: "Messages the transport failed to send");
}
