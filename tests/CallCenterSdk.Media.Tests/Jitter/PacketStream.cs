using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Tests.Jitter;

/// <summary>
/// A test RTP stream of L16 packets at 8 kHz. Each sample's value identifies its media position (a ramp), or the
/// stream carries a 200 Hz tone (periodic, so time-scaling engages).
/// </summary>
internal sealed class PacketStream(int packetMs = 20, ushort firstSequence = 1000, uint firstTimestamp = 0, uint ssrc = 0x1234, bool tone = false)
{
    public const int Rate = 8000;

    public int SamplesPerPacket => Rate * packetMs / 1000;

    public int PacketMs => packetMs;

    public uint Ssrc => ssrc;

    public static short Ramp(long sample) => (short)((((sample % 25000) + 25000) % 25000) - 12500);

    public ushort Sequence(int index) => unchecked((ushort)(firstSequence + index));

    public uint Timestamp(int index) => unchecked(firstTimestamp + (uint)(index * SamplesPerPacket));

    /// <summary>Extended timestamp as the buffer reports it (the first packet's raw value plus the offset).</summary>
    public long ExtendedTimestamp(int index) => (long)firstTimestamp + ((long)index * SamplesPerPacket);

    public byte[] Payload(int index)
    {
        var payload = new byte[SamplesPerPacket * 2];
        long start = ExtendedTimestamp(index);
        for (int i = 0; i < SamplesPerPacket; i++)
        {
            short v = tone ? (short)(8000 * Math.Sin(2 * Math.PI * 200 * (start + i) / Rate)) : Ramp(start + i);
            System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(payload.AsSpan(i * 2), v);
        }

        return payload;
    }

    public static IAudioDecoder Decoder() => new L16Decoder(AudioCodecs.L16Narrowband);
}
