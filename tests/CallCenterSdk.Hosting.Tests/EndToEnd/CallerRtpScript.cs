using System.Buffers.Binary;
using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Hosting.Tests.EndToEnd;

/// <summary>
/// The RTP stream a caller sends for a whole call, written as a libpcap file for sipp's <c>play_pcap_audio</c>:
/// 20 ms PCMU packets (a tone or silence, so the stream never pauses) and, while a key is down, RFC 4733
/// telephone-events instead of audio. One SSRC, one sequence and timestamp space, packets 20 ms apart. sipp replays
/// the packets at the capture's times and rewrites only addresses and UDP ports (the RTP header is sent as written),
/// so every key gets its own timestamp and a receiver takes each for a new key press (RFC 4733 §2.5.2).
/// </summary>
internal sealed class CallerRtpScript
{
    /// <summary>PCMU's static payload type.</summary>
    public const byte PcmuPayloadType = 0;

    /// <summary>The telephone-event payload type the caller scenario's SDP offers (<c>a=rtpmap:101 telephone-event/8000</c>).</summary>
    public const byte TelephoneEventPayloadType = 101;

    private const int SamplesPerPacket = 160;
    private const int PacketMicroseconds = 20_000;
    private readonly List<(long Microseconds, byte[] Rtp)> _packets = [];
    private readonly uint _ssrc;
    private ushort _sequence;
    private uint _timestamp;
    private long _slot;
    private long _toneSample;

    public CallerRtpScript(uint ssrc = 0x43414c4c, ushort firstSequence = 1000, uint firstTimestamp = 8000)
    {
        _ssrc = ssrc;
        _sequence = firstSequence;
        _timestamp = firstTimestamp;
    }

    /// <summary>Where the stream is now (the time of the next packet).</summary>
    public TimeSpan Position => TimeSpan.FromMicroseconds(_slot * PacketMicroseconds);

    /// <summary>Packets written so far.</summary>
    public int PacketCount => _packets.Count;

    /// <summary>PCMU silence until <paramref name="at"/>.</summary>
    public CallerRtpScript SilenceUntil(TimeSpan at) => AudioUntil(at, 0, 0);

    /// <summary>A steady PCMU tone of <paramref name="frequency"/> Hz at <paramref name="dbfs"/> until <paramref name="at"/>.</summary>
    public CallerRtpScript ToneUntil(double frequency, TimeSpan at, double dbfs = -12) => AudioUntil(at, frequency, dbfs);

    /// <summary>
    /// A key press of <paramref name="milliseconds"/> as RFC 4733 events (§2.5.1): one timestamp for the event,
    /// a packet every 20 ms with the duration so far, the marker on the first, and the final packet (E bit) sent
    /// three times (§2.5.1.4).
    /// </summary>
    public CallerRtpScript Key(char key, int milliseconds = 160)
    {
        var code = key switch
        {
            >= '0' and <= '9' => (byte)(key - '0'),
            '*' => (byte)10,
            '#' => (byte)11,
            >= 'A' and <= 'D' => (byte)(12 + key - 'A'),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a DTMF key."),
        };
        var packets = Math.Max(2, milliseconds / 20);
        var start = _timestamp;
        for (var i = 1; i <= packets; i++)
        {
            var end = i == packets;
            var payload = new byte[4];
            payload[0] = code;
            payload[1] = (byte)((end ? 0x80 : 0) | 10); // E bit, volume -10 dBm0
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), (ushort)(i * SamplesPerPacket));
            var sequence = _sequence++;
            var rtp = Rtp(TelephoneEventPayloadType, marker: i == 1, sequence, start, payload);
            _packets.Add((_slot * PacketMicroseconds, rtp));
            if (end)
            {
                // The retransmissions of the end packet carry the same sequence number and follow at once.
                _packets.Add(((_slot * PacketMicroseconds) + 100, rtp));
                _packets.Add(((_slot * PacketMicroseconds) + 200, rtp));
            }

            _slot++;
            _timestamp += SamplesPerPacket;
        }

        return this;
    }

    /// <summary>Writes the packets as a libpcap file (Ethernet, IPv4 127.0.0.1:6000 to 127.0.0.1:7000, UDP).</summary>
    public void WritePcap(string path)
    {
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // LINKTYPE_ETHERNET
        file.Write(header);
        var epoch = 1_700_000_000L * 1_000_000;
        Span<byte> record = stackalloc byte[16];
        foreach (var (microseconds, rtp) in _packets)
        {
            var frame = Frame(rtp);
            var at = epoch + microseconds;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(at / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(at % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            file.Write(record);
            file.Write(frame);
        }
    }

    private CallerRtpScript AudioUntil(TimeSpan at, double frequency, double dbfs)
    {
        var amplitude = frequency > 0 ? 32767 * Math.Pow(10, dbfs / 20) : 0;
        var pcm = new short[SamplesPerPacket];
        while (Position < at)
        {
            for (var i = 0; i < pcm.Length; i++)
            {
                pcm[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * _toneSample++ / 8000));
            }

            var payload = new byte[SamplesPerPacket];
            MuLaw.Encode(pcm, payload);
            _packets.Add((_slot * PacketMicroseconds, Rtp(PcmuPayloadType, marker: false, _sequence++, _timestamp, payload)));
            _slot++;
            _timestamp += SamplesPerPacket;
        }

        return this;
    }

    private byte[] Rtp(byte payloadType, bool marker, ushort sequence, uint timestamp, byte[] payload)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80; // version 2, no padding, extension or CSRC
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), _ssrc);
        payload.CopyTo(packet.AsSpan(12));
        return packet;
    }

    private static byte[] Frame(byte[] rtp)
    {
        const int Ethernet = 14, Ip = 20, Udp = 8;
        var frame = new byte[Ethernet + Ip + Udp + rtp.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800); // IPv4
        var ip = frame.AsSpan(Ethernet, Ip);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ip + Udp + rtp.Length));
        ip[8] = 64;
        ip[9] = 17; // UDP
        ip[12] = 127;
        ip[15] = 1;
        ip[16] = 127;
        ip[19] = 1;
        uint sum = 0;
        for (var i = 0; i < Ip; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
        var udp = frame.AsSpan(Ethernet + Ip, Udp);
        BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 7000); // sipp keeps the offset from the lowest port: 0
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(Udp + rtp.Length));
        rtp.CopyTo(frame.AsSpan(Ethernet + Ip + Udp));
        return frame;
    }
}
