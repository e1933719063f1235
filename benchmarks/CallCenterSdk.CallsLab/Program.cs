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
    usage: CallsLab b2bua --port P --target HOST:PORT [--codecs PCMA[,opus]] [--opus-rate 8000] [--opus-complexity 5] [--clock-threads 0] [--report-s 1]
           CallsLab uas   --port P [--codecs opus] [--opus-rate 8000] [--opus-complexity 5] [--tone-hz 440] [--replay 0|1] [--report-s 1]
    --replay 1 (uas): Opus packets of the tone encoded once at start and replayed, as sipp replays a pcap
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
    new CallEngineOptions { Media = new MediaSessionOptions { Codecs = codecs }, ClockParallelism = int.Parse(Option("clock-threads", "0"), CultureInfo.InvariantCulture) },
    registry);

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
long bridged = 0, relayed = 0, failed = 0;
engine.LegEnded += (leg, _) =>
{
    lock (gate)
    {
        (leg.Direction == CallDirection.Inbound ? ended.Inbound : ended.Outbound).Add(leg);
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

Console.WriteLine($"ready {mode} port={port} codecs={string.Join(',', codecs.Select(c => c.EncodingName))} pid={Environment.ProcessId}");
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

Report("final");
return 0;

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
        $"{kind} t={Stopwatch.GetElapsedTime(started).TotalSeconds:F1} legs={live.Count} bridged={Interlocked.Read(ref bridged)} relayed_bridges={Interlocked.Read(ref relayed)} failed={Interlocked.Read(ref failed)} clock_ticks={engine.Clock.Ticks} clock_skipped={engine.Clock.SkippedTicks} clock_spread={engine.Clock.SpreadTicks} clock_failures={engine.Clock.ClientFailures} clock_load={clockLoad:F3} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0} ") +
        inbound.Format("in") + " " + outbound.Format("out"));
}
