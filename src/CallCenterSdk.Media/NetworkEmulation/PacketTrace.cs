namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>
/// A packet stream and its arrival times: the input of the jitter-buffer scoring harness. Packets are in sending
/// (sequence) order; arrival order follows from <see cref="TracePacket.ArrivalTimeMs"/>.
/// </summary>
public sealed class PacketTrace
{
    /// <summary>Creates a trace.</summary>
    /// <param name="clockRate">RTP clock rate of the timestamps (8000 for G.711).</param>
    /// <param name="packetTimeMs">Nominal audio duration of one packet in milliseconds (10 to 60).</param>
    /// <param name="packets">The packets in sequence order.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate or packet time is not positive.</exception>
    /// <exception cref="ArgumentException">The packets are not in strictly increasing sequence order.</exception>
    public PacketTrace(int clockRate, int packetTimeMs, IReadOnlyList<TracePacket> packets)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(packetTimeMs);
        ArgumentNullException.ThrowIfNull(packets);
        for (int i = 1; i < packets.Count; i++)
        {
            if (packets[i].Sequence <= packets[i - 1].Sequence)
            {
                throw new ArgumentException($"Packet {i} has sequence {packets[i].Sequence}, not above the previous {packets[i - 1].Sequence}.", nameof(packets));
            }
        }

        ClockRate = clockRate;
        PacketTimeMs = packetTimeMs;
        Packets = packets;
    }

    /// <summary>RTP clock rate of the timestamps.</summary>
    public int ClockRate { get; }

    /// <summary>Nominal packet time in milliseconds.</summary>
    public int PacketTimeMs { get; }

    /// <summary>The packets in sequence order.</summary>
    public IReadOnlyList<TracePacket> Packets { get; }

    /// <summary>Samples (clock units) carried by one packet at the nominal packet time.</summary>
    public int SamplesPerPacket => ClockRate * PacketTimeMs / 1000;

    /// <summary>Fraction of packets (0..1) the network lost.</summary>
    public double NetworkLossRatio
    {
        get
        {
            if (Packets.Count == 0)
            {
                return 0;
            }

            int lost = 0;
            foreach (var p in Packets)
            {
                if (p.IsLost)
                {
                    lost++;
                }
            }

            return (double)lost / Packets.Count;
        }
    }
}
