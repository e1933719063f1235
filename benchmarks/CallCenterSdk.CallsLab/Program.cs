using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using CallCenterSdk.Calls;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.CallsLab;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Opus;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Media.Transport;
using CallCenterSdk.Sip.Sdp;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;

// The call-control load lab: a B2BUA (every inbound call dialled on to --target and bridged, relayed or
// transcoded) or a far-end UAS (answers, plays a tone), printing RTP counters every --report-s seconds and once
// more on SIGTERM. benchmarks/calls-load.sh drives it with sipp; see docs/benchmarks.md ("Calls").
const string Usage = """
    usage: CallsLab b2bua --port P --target HOST:PORT [--codecs PCMA[,opus]] [--opus-rate 8000] [--opus-complexity 5] [--clock-threads 0] [--clock-nice -10|none] [--rx-threads 0|N|async] [--ports FIRST-LAST] [--report-s 1] [--alloc-profile 0|1]
           CallsLab uas   --port P [--codecs opus] [--opus-rate 8000] [--opus-complexity 5] [--tone-hz 440] [--replay 0|1] [--clock-nice -10|none] [--rx-threads 0|N|async] [--report-s 1]
    --replay 1 (uas): Opus packets of the tone encoded once at start and replayed, as sipp replays a pcap
    --alloc-profile 1: with the final report, the types allocated (runtime allocation-tick samples) and each collection's reason
    """;

if (args.Length == 0 || args[0] is not ("b2bua" or "uas"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var mode = args[0];
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"bad argument '{args[i]}'\n{Usage}");
        return 2;
    }

    options[args[i][2..]] = args[i + 1];
}

string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;
var port = int.Parse(Option("port", "5600"), CultureInfo.InvariantCulture);
var opusRate = int.Parse(Option("opus-rate", "8000"), CultureInfo.InvariantCulture);
var reportEvery = TimeSpan.FromSeconds(double.Parse(Option("report-s", "1"), CultureInfo.InvariantCulture));
// Warnings and errors of the SDK (a media failure, a failing clock client) go to stderr, kept by calls-load.sh.
using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
    .AddFilter("Microsoft", LogLevel.Warning));
using var allocations = Option("alloc-profile", "0") == "1" ? new AllocationProfile() : null;
var registry = AudioCodecRegistry.CreateDefault();
var codecs = new List<SdpCodec>();
foreach (var name in Option("codecs", mode == "b2bua" ? "PCMA" : "opus").Split(','))
{
    codecs.Add(name.ToUpperInvariant() switch
    {
        "PCMA" => SdpCodec.Pcma,
        "PCMU" => SdpCodec.Pcmu,
        "G722" => SdpCodec.G722,
        "OPUS" => SdpCodec.Opus,
        _ => throw new ArgumentException($"unknown codec '{name}' (PCMA, PCMU, G722, opus)"),
    });
}

// --ports FIRST-LAST: media ports from a range (handed out round-robin) instead of the system's ephemeral ports.
static MediaPortRange? MediaPorts(string range) => range.Split('-') is [var first, var last]
    ? new MediaPortRange(int.Parse(first, CultureInfo.InvariantCulture), int.Parse(last, CultureInfo.InvariantCulture))
    : null;
var toneHz = double.Parse(Option("tone-hz", "440"), CultureInfo.InvariantCulture);
ToneGenerator Tone(int sampleRate) =>
    new(new ToneDefinition("load", [toneHz], -15, [ToneSegment.Tone(1000)], Repeat: true), new AudioFormat(sampleRate));
if (codecs.Contains(SdpCodec.Opus))
{
    var opusOptions = new OpusEncoderOptions { SampleRate = opusRate, Complexity = int.Parse(Option("opus-complexity", "5"), CultureInfo.InvariantCulture) };
    if (mode == "uas" && Option("replay", "0") == "1")
    {
        ReplayingOpusEncoder.Register(registry, opusOptions, samples =>
        {
            var pcm = new short[samples];
            Tone(opusRate).ReadFrame(pcm);
            return pcm;
        });
    }
    else
    {
        registry.AddOpus(opusOptions);
    }
}

await using var engine = await CallEngine.StartAsync(
    [new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, port))],
    new CallEngineOptions
    {
        Media = new MediaSessionOptions { Codecs = codecs, PortRange = MediaPorts(Option("ports", "")), AsyncReceiveLoops = Option("rx-threads", "0") == "async" },
        MediaReceiveThreads = Option("rx-threads", "0") == "async" ? 0 : int.Parse(Option("rx-threads", "0"), CultureInfo.InvariantCulture),
        ClockParallelism = int.Parse(Option("clock-threads", "0"), CultureInfo.InvariantCulture),
        MediaClockNice = Option("clock-nice", "-10") is "none" ? null : int.Parse(Option("clock-nice", "-10"), CultureInfo.InvariantCulture),
    },
    registry,
    loggerFactory: logging);

// A fire-and-forget task that failed (a media loop, a disposal) would otherwise go unseen.
long unobserved = 0;
TaskScheduler.UnobservedTaskException += (_, e) =>
{
    if (Interlocked.Increment(ref unobserved) <= 3)
    {
        Console.Error.WriteLine($"unobserved task exception: {e.Exception}");
    }
};
var failuresShown = 0;
engine.Clock.ClientFailed += (client, e) =>
{
    // The first few, so that a failing leg is seen; the count is in every report.
    if (Interlocked.Increment(ref failuresShown) <= 3)
    {
        Console.Error.WriteLine($"clock client {client} failed: {e}");
    }
};

var gate = new object();
var ended = (Inbound: new LegTotals(), Outbound: new LegTotals());
long bridged = 0, relayed = 0, failed = 0, inboundLegs = 0;
engine.LegEnded += (leg, _) =>
{
    if (leg.Direction == CallDirection.Inbound)
    {
        Interlocked.Increment(ref inboundLegs);
    }

    lock (gate)
    {
        (leg.Direction == CallDirection.Inbound ? ended.Inbound : ended.Outbound).Add(leg);
    }

    if (Option("print-legs", "0") == "1")
    {
        Console.WriteLine("leg " + Describe(leg));
    }

    if (leg.AnsweredAt is not null && leg.GetStatistics().PacketsReceived == 0)
    {
        // A leg that heard nothing: where it listened, what it was told to send to, and for how long.
        Console.WriteLine("silent " + Describe(leg));
    }
};

if (mode == "b2bua")
{
    var target = Option("target", "127.0.0.1:5700");
    engine.IncomingCall += inbound => _ = BridgeAsync(inbound);

    async Task BridgeAsync(CallLeg inbound)
    {
        CallLeg outbound;
        try
        {
            outbound = engine.Dial($"sip:{inbound.LocalNumber ?? "service"}@{target}", "<sip:b2bua@127.0.0.1>");
            await outbound.WaitForAnswerAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is CallFailedException or MediaPortsExhaustedException)
        {
            Interlocked.Increment(ref failed);
            inbound.Reject(503, "Far end failed");
            return;
        }

        // Bridge before answering: the caller's first packet already finds the relay in place.
        var bridge = new Bridge(inbound, outbound);
        bridge.Start();
        try
        {
            inbound.Answer();
        }
        catch (InvalidOperationException)
        {
            Interlocked.Increment(ref failed); // the caller gave up meanwhile; the bridge hangs up the far end
            await outbound.HangupAsync().ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref bridged);
        if (bridge.Mode == BridgeMode.Relay)
        {
            Interlocked.Increment(ref relayed);
        }
    }
}
else
{
    engine.IncomingCall += leg =>
    {
        leg.Answer();
        leg.Hear(Tone(leg.Media.Format.SampleRate));
    };
}

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

Console.WriteLine($"ready {mode} port={port} codecs={string.Join(',', codecs.Select(c => c.EncodingName))} pid={Environment.ProcessId} clock_priority={engine.Clock.PriorityError ?? "as asked"} rx={(engine.MediaPoller is { } p ? $"poller:{p.ThreadCount}" : "async-loops")}");
var started = Stopwatch.GetTimestamp();
var lastBusy = engine.Clock.BusyStopwatchTicks;
var lastReport = started;
while (!stop.IsCancellationRequested)
{
    try
    {
        await Task.Delay(reportEvery, stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }

    Report("report");
}

// Collect so that the finalizers of failed, never-awaited tasks report them before the final line.
GC.Collect();
GC.WaitForPendingFinalizers();

Report("final");
if (allocations is not null)
{
    // A call is one inbound leg (with its outbound leg in the B2BUA).
    Console.WriteLine(allocations.Format(Interlocked.Read(ref inboundLegs)));
}

return 0;

// One leg as key=value pairs: its ports, where it sends (latched or not), the sources it heard, and its counters.
static string Describe(CallLeg leg)
{
    var rtp = leg.Media.Rtp;
    var sources = string.Join(',', rtp.GetSources().Select(x => $"{x.Ssrc:x8}:{(x.Statistics.IsValid ? "valid" : "probation")}:rtp={x.LastRtp is not null}"));
    return string.Create(
        CultureInfo.InvariantCulture,
        $"leg={leg.Id} dir={leg.Direction} local={leg.Media.LocalRtpEndPoint} remote={rtp.RemoteRtpAddress} latched={rtp.IsRtpLatched} own_ssrc={rtp.LocalSsrc:x8} sources={sources} sent={rtp.PacketsSent} rx={leg.GetStatistics().PacketsReceived} datagrams={leg.Media.ReceivedDatagrams} pending_bytes={leg.Media.PendingRtpBytes} answered={leg.AnsweredAt?.ToUnixTimeMilliseconds()} ended={leg.EndedAt?.ToUnixTimeMilliseconds()} cause={leg.EndCause}");
}

void Report(string kind)
{
    var now = Stopwatch.GetTimestamp();
    var busy = engine.Clock.BusyStopwatchTicks;
    var clockLoad = (double)(busy - lastBusy) / Math.Max(1, now - lastReport);
    (lastBusy, lastReport) = (busy, now);
    var live = engine.Legs;
    var inbound = new LegTotals();
    var outbound = new LegTotals();
    lock (gate)
    {
        inbound.Add(ended.Inbound);
        outbound.Add(ended.Outbound);
    }

    foreach (var leg in live)
    {
        (leg.Direction == CallDirection.Inbound ? inbound : outbound).Add(leg);
    }

    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{kind} t={Stopwatch.GetElapsedTime(started).TotalSeconds:F1} legs={live.Count} bridged={Interlocked.Read(ref bridged)} relayed_bridges={Interlocked.Read(ref relayed)} failed={Interlocked.Read(ref failed)} clock_ticks={engine.Clock.Ticks} clock_skipped={engine.Clock.SkippedTicks} clock_spread={engine.Clock.SpreadTicks} clock_failures={engine.Clock.ClientFailures} clock_load={clockLoad:F3} media_failures={engine.MediaFailures} unobserved={Interlocked.Read(ref unobserved)} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0} rx_datagrams={engine.MediaPoller?.DatagramsRead ?? 0} rx_wakeups={engine.MediaPoller?.Wakeups ?? 0} ") +
        inbound.Format("in") + " " + outbound.Format("out"));
}
