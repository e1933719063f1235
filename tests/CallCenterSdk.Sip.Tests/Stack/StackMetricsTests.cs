using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Tests.UserAgent;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Sip.Tests.Stack;

/// <summary>
/// The CallCenterSdk.Sip meter and the message summaries in the log, read as an operator would. The meter is
/// process-wide, so these tests run alone.
/// </summary>
[Collection(ProcessWideMeasurements.Name)]
public sealed class StackMetricsTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n";

    [Fact]
    public async Task A_call_and_the_stacks_own_refusals_are_counted_by_method_and_code_and_logged_both_ways()
    {
        using var meter = new SipMeterRecorder();
        var serverLog = new RecordingLoggerFactory();
        var clientLog = new RecordingLoggerFactory();
        using var scanner = new ScriptedPeer();
        using var peer = new ScriptedPeer();
        // T1 = 2 s: no retransmission on a loaded machine, so the counts below are exact.
        var timers = new SipTimerSettings { T1 = TimeSpan.FromSeconds(2) };
        await using var server = await StartAsync(new SipUserAgent(), timers, serverLog, source => source.Port != scanner.Port);
        await using var client = await StartAsync(new SipUserAgent(), timers, clientLog);
        var serverAgent = server.Agent;
        var serverEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        serverAgent.IncomingCall += s =>
        {
            s.Ended += (_, _) => serverEnded.TrySetResult();
            s.Answer("application/sdp", Encoding.ASCII.GetBytes(Sdp));
        };

        var call = client.Agent.PlaceCall(
            SipUri.Parse("sip:service@127.0.0.1"), NameAddress.Parse("<sip:caller@127.0.0.1>"),
            new SipEndpoint(SipTransportProtocol.Udp, server.Stack.Transports[0].LocalEndPoint), "application/sdp", Encoding.ASCII.GetBytes(Sdp));
        var callerEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        call.Established += c => c.Hangup();
        call.Ended += (_, _) => callerEnded.TrySetResult();
        await serverEnded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await callerEnded.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var target = server.Stack.Transports[0].LocalEndPoint;
        await peer.SendRawAsync(StackProtectionTests.Request("OPTIONS", "metrics-mf0", maxForwards: 0), target);
        await peer.SendRawAsync(StackProtectionTests.Request("OPTIONS", "metrics-bad").Replace("CSeq: 1 OPTIONS", "CSeq: 1 BYE", StringComparison.Ordinal), target);
        await scanner.SendRawAsync(StackProtectionTests.Request("OPTIONS", "metrics-refused"), target);
        await scanner.SendRawAsync("garbage from a scanner\r\n\r\n", target);
        await peer.ReceiveAsync(m => m is SipResponse { CallId: "metrics-mf0" });
        await peer.ReceiveAsync(m => m is SipResponse { CallId: "metrics-bad" });
        await WaitUntilAsync(() => meter.Sum("sip.messages.rejected") == 2);
        await Task.Delay(200); // the BYE's 200 reaches the caller's meter after the caller's session ended

        // The caller sent INVITE, ACK, BYE and heard 100, 200 (INVITE) and 200 (BYE).
        Assert.Equal(1, meter.Sum("sip.requests.sent", "method", "INVITE"));
        Assert.Equal(1, meter.Sum("sip.requests.sent", "method", "ACK"));
        Assert.Equal(1, meter.Sum("sip.requests.sent", "method", "BYE"));
        Assert.Equal(3, meter.Sum("sip.requests.sent"));
        Assert.Equal(1, meter.Sum("sip.responses.received", "code", 100));
        Assert.Equal(2, meter.Sum("sip.responses.received", "code", 200));

        // The callee received them, and the OPTIONS with Max-Forwards 0; the malformed and the refused ones are not
        // requests received.
        Assert.Equal(1, meter.Sum("sip.requests.received", "method", "INVITE"));
        Assert.Equal(1, meter.Sum("sip.requests.received", "method", "ACK"));
        Assert.Equal(1, meter.Sum("sip.requests.received", "method", "BYE"));
        Assert.Equal(1, meter.Sum("sip.requests.received", "method", "OPTIONS"));

        // Responses sent: the automatic 100 Trying, 200 to INVITE and BYE, and the stack's stateless 483 and 400.
        Assert.Equal(1, meter.Sum("sip.responses.sent", "code", 100));
        Assert.Equal(2, meter.Sum("sip.responses.sent", "code", 200));
        Assert.Equal(1, meter.Sum("sip.responses.sent", "code", 483));
        Assert.Equal(1, meter.Sum("sip.responses.sent", "code", 400));
        Assert.Equal(5, meter.Sum("sip.responses.sent"));
        Assert.Equal(1, meter.Sum("sip.messages.malformed")); // the scanner's garbage is rejected, not malformed
        Assert.Equal(2, meter.Sum("sip.messages.rejected"));
        Assert.Equal(0, meter.Sum("sip.retransmissions"));

        // Debug summaries of messages in both directions.
        Assert.Contains(clientLog.Lines, l => l.StartsWith("TX INVITE sip:service@127.0.0.1 cseq 1 to UDP:", StringComparison.Ordinal));
        Assert.Contains(clientLog.Lines, l => l.StartsWith("TX ACK ", StringComparison.Ordinal));
        Assert.Contains(clientLog.Lines, l => l.StartsWith("TX BYE ", StringComparison.Ordinal));
        Assert.Contains(clientLog.Lines, l => l.StartsWith("RX 200 INVITE from UDP:", StringComparison.Ordinal));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("RX INVITE sip:service@127.0.0.1 cseq 1 from UDP:127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("TX 200 INVITE to UDP:", StringComparison.Ordinal));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("TX 200 BYE to UDP:", StringComparison.Ordinal));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("TX 483 OPTIONS to UDP:127.0.0.1:" + peer.Port, StringComparison.Ordinal));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("TX 400 BYE to UDP:127.0.0.1:" + peer.Port, StringComparison.Ordinal));
        Assert.DoesNotContain(serverLog.Lines, l => l.EndsWith(":" + scanner.Port, StringComparison.Ordinal) || l.Contains(":" + scanner.Port + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retransmissions_and_timeouts_are_counted()
    {
        using var meter = new SipMeterRecorder();
        using var silent = new ScriptedPeer();
        // T1 = 20 ms: Timer E retransmits the OPTIONS at 20, 60, 140 ... ms until Timer F ends it at 1.28 s.
        await using var client = await StartAsync(new SipUserAgent(), new SipTimerSettings { T1 = TimeSpan.FromMilliseconds(20), T2 = TimeSpan.FromMilliseconds(160) }, new RecordingLoggerFactory());
        var via = client.Stack.CreateVia(new SipEndpoint(SipTransportProtocol.Udp, silent.EndPoint), "z9hG4bK-metrics-timeout");
        var options = SipMessageBuilder.CreateRequest(SipMethod.Options, SipUri.Parse($"sip:x@127.0.0.1:{silent.Port}"),
            NameAddress.Parse("<sip:me@127.0.0.1>"), NameAddress.Parse($"<sip:x@127.0.0.1:{silent.Port}>"), via, 1, new SipIdentifiers(new Random(3)));
        var transaction = client.Stack.SendRequest((SipRequest)options.Build(), new SipEndpoint(SipTransportProtocol.Udp, silent.EndPoint));
        await WaitUntilAsync(() => transaction.State == TransactionState.Terminated);
        await WaitUntilAsync(() => meter.Sum("sip.transaction.timeouts") == 1);
        Assert.Equal(1, meter.Sum("sip.requests.sent", "method", "OPTIONS"));
        Assert.Equal(client.Stack.Statistics.Retransmissions, meter.Sum("sip.retransmissions"));
        Assert.InRange(meter.Sum("sip.retransmissions"), 1, 10); // at 20, 60, 140, 300, 460 ... 1,260 ms; fewer if the clock stalls
    }

    private static async Task<StackUnderTest> StartAsync(SipUserAgent agent, SipTimerSettings timers, RecordingLoggerFactory log, Func<IPEndPoint, bool>? admit = null)
    {
        var options = new SipStackOptions { Timers = timers, AdmitSource = admit };
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        var stack = new SipStack(options, agent, loggerFactory: log);
        agent.Attach(stack);
        await stack.StartAsync();
        return new StackUnderTest(stack, agent);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(20);
        }
    }

    private sealed record StackUnderTest(SipStack Stack, SipUserAgent Agent) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Stack.DisposeAsync();
    }

    /// <summary>Adds up every measurement of the CallCenterSdk.Sip meter by instrument and tag.</summary>
    private sealed class SipMeterRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, KeyValuePair<string, object?>[] Tags, long Value)> _measurements = [];

        public SipMeterRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SipMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (_measurements)
                {
                    _measurements.Add((instrument.Name, tags.ToArray(), value));
                }
            });
            _listener.Start();
        }

        public long Sum(string instrument, string? tag = null, object? value = null)
        {
            lock (_measurements)
            {
                return _measurements
                    .Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))))
                    .Sum(m => m.Value);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
