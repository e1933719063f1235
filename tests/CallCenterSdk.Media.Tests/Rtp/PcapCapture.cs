using System.Buffers.Binary;

namespace CallCenterSdk.Media.Tests.Rtp;

/// <summary>
/// Reads the UDP payloads and arrival times of a classic libpcap file with Ethernet framing and IPv4, enough
/// for the captures SIPp ships (copied into Rtp/Data). Throws on anything else so a test cannot pass on a
/// misread file.
/// </summary>
internal static class PcapCapture
{
    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "Rtp", "Data", name);

    public static List<(TimeSpan Arrival, byte[] Payload)> ReadUdpPayloads(string name)
    {
        var bytes = File.ReadAllBytes(DataPath(name));
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != 0xA1B2C3D4)
        {
            throw new InvalidDataException($"{name} is not a little-endian microsecond pcap file.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)) != 1)
        {
            throw new InvalidDataException($"{name} does not use Ethernet framing.");
        }

        var packets = new List<(TimeSpan, byte[])>();
        var offset = 24;
        TimeSpan? first = null;
        while (offset + 16 <= bytes.Length)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            var micros = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            var frame = bytes.AsSpan(offset + 16, captured);
            offset += 16 + captured;
            var time = TimeSpan.FromSeconds(seconds) + TimeSpan.FromMicroseconds(micros);
            first ??= time;
            if (BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[14 + 9] != 17)
            {
                throw new InvalidDataException($"{name}: a frame is not IPv4/UDP.");
            }

            var ipHeader = (frame[14] & 0x0F) * 4;
            var udp = frame[(14 + ipHeader)..];
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            packets.Add((time - first.Value, udp[8..udpLength].ToArray()));
        }

        return packets;
    }
}
