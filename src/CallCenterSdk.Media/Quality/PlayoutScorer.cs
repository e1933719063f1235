using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Jitter;
using CallCenterSdk.Media.NetworkEmulation;

namespace CallCenterSdk.Media.Quality;

/// <summary>
/// The scoring harness: plays an arrival trace through a playout strategy in simulated time (as fast as the CPU
/// allows, not in real time) and reports delay, late loss, concealment, time-scale events and the E-model.
/// Three strategies: our <see cref="JitterBuffer"/> (fed real G.711 audio, decoded, concealed and time-scaled),
/// a static buffer that plays each talk spurt a fixed delay after its first packet arrives, and the oracle, the
/// best fixed send-to-playout delay chosen in hindsight.
/// </summary>
public static class PlayoutScorer
{
    /// <summary>Runs our jitter buffer over the trace.</summary>
    /// <param name="trace">Packets and arrival times.</param>
    /// <param name="codec">E-model values of the codec being modelled.</param>
    /// <param name="options">Jitter buffer settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">The trace is empty or its clock rate is not 8000, 16000 or 48000 Hz.</exception>
    public static PlayoutScore ScoreJitterBuffer(PacketTrace trace, CodecImpairment codec, JitterBufferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(codec);
        RequireSpeech(trace);
        using IAudioDecoder decoder = trace.ClockRate == 8000
            ? new MuLawDecoder()
            : trace.ClockRate is 16000 or 48000
                ? new L16Decoder(new AudioCodecInfo("L16", trace.ClockRate, 1, trace.ClockRate, null))
                : throw new ArgumentException($"The harness simulates clock rates 8000, 16000 and 48000 Hz, not {trace.ClockRate}.", nameof(trace));
        // The mouth-to-ear delay outside the buffer, as RTCP's round-trip time would tell the receiver: the path's
        // minimum one-way delay plus packetization and the codec's own delay.
        options ??= new JitterBufferOptions
        {
            LossRobustness = codec.Bpl,
            OtherDelayMs = (int)Math.Round(MinimumNetworkDelay(trace) + trace.PacketTimeMs + codec.AlgorithmicDelayMs),
        };
        using var buffer = new JitterBuffer(decoder, options);
        int frameMs = buffer.Options.FrameMilliseconds;

        var byArrival = new List<TracePacket>(trace.Packets.Count);
        foreach (var p in trace.Packets)
        {
            if (!p.IsLost)
            {
                byArrival.Add(p);
            }
        }

        byArrival.Sort((a, b) => a.ArrivalTimeMs.CompareTo(b.ArrivalTimeMs));
        var timestamps = new long[trace.Packets.Count];
        for (int i = 0; i < timestamps.Length; i++)
        {
            timestamps[i] = trace.Packets[i].Timestamp;
        }

        var pcm = new short[buffer.FrameSamples];
        var packetPcm = new short[trace.SamplesPerPacket];
        var payload = new byte[trace.SamplesPerPacket * 2];
        var delays = new List<double>();
        var timeline = new List<DelaySample>();
        var concealedFlags = new List<bool>();
        long speechSamples = 0, concealedSamples = 0;
        int next = 0;
        double tick = byArrival.Count > 0 ? Math.Floor(byArrival[0].ArrivalTimeMs / frameMs) * frameMs : 0;
        while (next < byArrival.Count || buffer.BufferedPackets > 0)
        {
            while (next < byArrival.Count && byArrival[next].ArrivalTimeMs <= tick)
            {
                var p = byArrival[next++];
                int length = EncodePacket(trace, p, packetPcm, payload);
                buffer.Insert((ushort)p.Sequence, (uint)p.Timestamp, p.Marker, 0x5eed, payload.AsSpan(0, length), TimeSpan.FromMilliseconds(p.ArrivalTimeMs), p.IsComfortNoise);
            }

            var frame = buffer.GetFrame(TimeSpan.FromMilliseconds(tick), pcm);
            if (frame.Kind != JitterFrameKind.ComfortNoise)
            {
                speechSamples += frame.Samples;
                concealedSamples += frame.ConcealedSamples;
                concealedFlags.Add(frame.ConcealedSamples > 0);
                if (frame.Timestamp >= 0)
                {
                    double delay = tick - SendTimeOf(trace, timestamps, frame.Timestamp);
                    delays.Add(delay);
                    timeline.Add(new DelaySample(tick, delay));
                }
            }

            tick += frameMs;
        }

        var stats = buffer.Statistics;
        int speechPackets = CountSpeech(trace);
        double latePercent = 100.0 * stats.Late / speechPackets;
        double concealment = speechSamples == 0 ? 100 : 100.0 * concealedSamples / speechSamples;
        return Build("ours", trace, codec, delays, latePercent, concealment, (int)(stats.AcceleratedFrames + stats.ExpandedFrames), Burstiness(concealedFlags), timeline);
    }

    /// <summary>
    /// A static buffer: each talk spurt starts <paramref name="delayMs"/> after its first packet arrives and then
    /// plays at the nominal rate; packets arriving after their slot are lost.
    /// </summary>
    public static PlayoutScore ScoreStatic(PacketTrace trace, CodecImpairment codec, double delayMs = 60)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(codec);
        RequireSpeech(trace);
        var delays = new List<double>();
        var timeline = new List<DelaySample>();
        var lostFlags = new List<bool>();
        int late = 0, missing = 0;
        double anchor = double.NaN;
        long anchorTimestamp = 0;
        var packets = trace.Packets;
        for (int i = 0; i < packets.Count; i++)
        {
            var p = packets[i];
            if (p.IsComfortNoise)
            {
                anchor = double.NaN;
                continue;
            }

            if (p.Marker || double.IsNaN(anchor))
            {
                // Anchor the spurt on its first received packet, projected back to this packet's media time.
                for (int j = i; j < packets.Count && !packets[j].IsComfortNoise && (j == i || !packets[j].Marker); j++)
                {
                    if (!packets[j].IsLost)
                    {
                        anchor = packets[j].ArrivalTimeMs - ((packets[j].Timestamp - p.Timestamp) * 1000.0 / trace.ClockRate) + delayMs;
                        anchorTimestamp = p.Timestamp;
                        break;
                    }
                }
            }

            if (double.IsNaN(anchor))
            {
                missing++;
                lostFlags.Add(true);
                continue;
            }

            double playout = anchor + ((p.Timestamp - anchorTimestamp) * 1000.0 / trace.ClockRate);
            bool isLate = !p.IsLost && p.ArrivalTimeMs > playout;
            late += isLate ? 1 : 0;
            missing += p.IsLost || isLate ? 1 : 0;
            lostFlags.Add(p.IsLost || isLate);
            delays.Add(playout - p.SendTimeMs);
            timeline.Add(new DelaySample(playout, playout - p.SendTimeMs));
        }

        int speech = CountSpeech(trace);
        return Build(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"static{delayMs:0}"), trace, codec, delays, 100.0 * late / speech, 100.0 * missing / speech, 0, Burstiness(lostFlags), timeline);
    }

    /// <summary>
    /// The oracle: the fixed send-to-playout delay that maximizes the E-model R for this trace, chosen in
    /// hindsight (every whole millisecond between the smallest and largest network delay is tried).
    /// </summary>
    public static PlayoutScore ScoreOracle(PacketTrace trace, CodecImpairment codec)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(codec);
        RequireSpeech(trace);
        var speech = new List<TracePacket>();
        foreach (var p in trace.Packets)
        {
            if (!p.IsComfortNoise)
            {
                speech.Add(p);
            }
        }

        double min = double.PositiveInfinity, max = 0;
        foreach (var p in speech)
        {
            if (!p.IsLost)
            {
                min = Math.Min(min, p.NetworkDelayMs);
                max = Math.Max(max, p.NetworkDelayMs);
            }
        }

        if (double.IsPositiveInfinity(min))
        {
            min = max = 0;
        }

        double bestDelay = Math.Ceiling(max);
        double bestR = double.NegativeInfinity;
        var flags = new bool[speech.Count];
        for (double d = Math.Floor(min); d <= Math.Ceiling(max); d += 1)
        {
            int missing = 0;
            for (int i = 0; i < speech.Count; i++)
            {
                flags[i] = speech[i].IsLost || speech[i].NetworkDelayMs > d;
                missing += flags[i] ? 1 : 0;
            }

            double r = EModel.Rate(d + codec.AlgorithmicDelayMs + trace.PacketTimeMs, 100.0 * missing / speech.Count, codec, Burstiness(flags)).R;
            if (r > bestR)
            {
                bestR = r;
                bestDelay = d;
            }
        }

        int late = 0, lost = 0;
        var lostFlags = new List<bool>(speech.Count);
        var timeline = new List<DelaySample>(speech.Count);
        var delays = new List<double>(speech.Count);
        foreach (var p in speech)
        {
            bool isLate = !p.IsLost && p.NetworkDelayMs > bestDelay;
            late += isLate ? 1 : 0;
            lost += p.IsLost || isLate ? 1 : 0;
            lostFlags.Add(p.IsLost || isLate);
            delays.Add(bestDelay);
            timeline.Add(new DelaySample(p.SendTimeMs + bestDelay, bestDelay));
        }

        return Build("oracle", trace, codec, delays, 100.0 * late / speech.Count, 100.0 * lost / speech.Count, 0, Burstiness(lostFlags), timeline);
    }

    /// <summary>BurstR (G.107 §7.4) of a loss pattern: 1 / (P(loss | received) + P(received | loss)), at least 1.</summary>
    public static double Burstiness(IReadOnlyList<bool> lost)
    {
        ArgumentNullException.ThrowIfNull(lost);
        int received = 0, lossAfterReceived = 0, losses = 0, receivedAfterLoss = 0;
        for (int i = 1; i < lost.Count; i++)
        {
            if (lost[i - 1])
            {
                losses++;
                receivedAfterLoss += lost[i] ? 0 : 1;
            }
            else
            {
                received++;
                lossAfterReceived += lost[i] ? 1 : 0;
            }
        }

        if (losses == 0 || received == 0)
        {
            return 1;
        }

        return EModel.BurstRatio((double)lossAfterReceived / received, (double)receivedAfterLoss / losses);
    }

    private static PlayoutScore Build(string strategy, PacketTrace trace, CodecImpairment codec, List<double> delays, double latePercent, double concealmentPercent, int timeScaleEvents, double burstRatio, List<DelaySample> timeline)
    {
        double mean = 0, p95 = 0, max = 0;
        if (delays.Count > 0)
        {
            var sorted = delays.ToArray();
            Array.Sort(sorted);
            double sum = 0;
            foreach (double d in sorted)
            {
                sum += d;
            }

            mean = sum / sorted.Length;
            p95 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
            max = sorted[^1];
        }

        // Mouth-to-ear delay: send-to-playout plus packetization plus the codec's own delay.
        double ta = Math.Max(0, mean) + trace.PacketTimeMs + codec.AlgorithmicDelayMs;
        return new PlayoutScore
        {
            Strategy = strategy,
            MeanDelayMs = mean,
            P95DelayMs = p95,
            MaxDelayMs = max,
            LateLossPercent = latePercent,
            ConcealmentPercent = Math.Min(100, concealmentPercent),
            TimeScaleEvents = timeScaleEvents,
            Rating = EModel.Rate(ta, Math.Min(100, concealmentPercent), codec, burstRatio),
            Timeline = timeline,
        };
    }

    private static int EncodePacket(PacketTrace trace, TracePacket p, short[] pcm, byte[] payload)
    {
        if (p.IsComfortNoise)
        {
            // RFC 3389: one level byte, here -60 dBov.
            payload[0] = 60;
            return 1;
        }

        SyntheticSpeech.Fill(p.Timestamp, trace.ClockRate, pcm);
        if (trace.ClockRate == 8000)
        {
            MuLaw.Encode(pcm, payload);
            return pcm.Length;
        }

        for (int i = 0; i < pcm.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(payload.AsSpan(i * 2), pcm[i]);
        }

        return pcm.Length * 2;
    }

    private static double SendTimeOf(PacketTrace trace, long[] timestamps, long timestamp)
    {
        int index = Array.BinarySearch(timestamps, timestamp);
        if (index < 0)
        {
            index = Math.Max(0, ~index - 1);
        }

        // Several packets can share a timestamp only with CN; take the first.
        var p = trace.Packets[index];
        return p.SendTimeMs + ((timestamp - p.Timestamp) * 1000.0 / trace.ClockRate);
    }

    private static double MinimumNetworkDelay(PacketTrace trace)
    {
        double min = double.PositiveInfinity;
        foreach (var p in trace.Packets)
        {
            if (!p.IsLost)
            {
                min = Math.Min(min, p.NetworkDelayMs);
            }
        }

        return double.IsPositiveInfinity(min) ? 0 : Math.Max(0, min);
    }

    private static int CountSpeech(PacketTrace trace)
    {
        int n = 0;
        foreach (var p in trace.Packets)
        {
            n += p.IsComfortNoise ? 0 : 1;
        }

        return Math.Max(1, n);
    }

    private static void RequireSpeech(PacketTrace trace)
    {
        if (trace.Packets.Count == 0)
        {
            throw new ArgumentException("The trace holds no packets.", nameof(trace));
        }
    }
}
