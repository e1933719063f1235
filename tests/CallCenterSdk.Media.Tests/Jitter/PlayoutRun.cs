using CallCenterSdk.Media.Jitter;

namespace CallCenterSdk.Media.Tests.Jitter;

/// <summary>Drives a jitter buffer in simulated time: inserts scheduled packets, pulls a frame every 20 ms.</summary>
internal sealed class PlayoutRun : IDisposable
{
    private readonly List<(double At, int Index, bool Marker, bool Cn, PacketStream Stream)> _arrivals = [];

    public PlayoutRun(JitterBufferOptions? options = null)
    {
        Buffer = new JitterBuffer(PacketStream.Decoder(), options);
    }

    public JitterBuffer Buffer { get; }

    public List<JitterFrame> Frames { get; } = [];

    public List<short[]> Audio { get; } = [];

    public List<double> FrameTimes { get; } = [];

    public List<InsertOutcome> Outcomes { get; } = [];

    public void Schedule(PacketStream stream, int index, double arrivalMs, bool marker = false, bool comfortNoise = false) =>
        _arrivals.Add((arrivalMs, index, marker, comfortNoise, stream));

    public void Run(double untilMs)
    {
        var ordered = _arrivals.OrderBy(a => a.At).ToList();
        int next = 0;
        double start = Frames.Count == 0 ? 0 : FrameTimes[^1] + 20;
        for (double tick = start; tick < untilMs; tick += 20)
        {
            while (next < ordered.Count && ordered[next].At <= tick)
            {
                var a = ordered[next++];
                byte[] payload = a.Cn ? [40] : a.Stream.Payload(a.Index);
                Outcomes.Add(Buffer.Insert(a.Stream.Sequence(a.Index), a.Stream.Timestamp(a.Index), a.Marker, a.Stream.Ssrc, payload, TimeSpan.FromMilliseconds(a.At), a.Cn));
            }

            var pcm = new short[Buffer.FrameSamples];
            Frames.Add(Buffer.GetFrame(TimeSpan.FromMilliseconds(tick), pcm));
            Audio.Add(pcm);
            FrameTimes.Add(tick);
        }

        double last = FrameTimes.Count == 0 ? double.NegativeInfinity : FrameTimes[^1];
        _arrivals.RemoveAll(a => a.At <= last);
    }

    public int Count(JitterFrameKind kind) => Frames.Count(f => f.Kind == kind);

    public void Dispose() => Buffer.Dispose();
}
