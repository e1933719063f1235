using System.Buffers.Binary;

namespace CallCenterSdk.Media.Dtmf;

/// <summary>
/// The 4-octet named-event payload of RFC 4733 §2.3: event code, end bit, volume (0 to -63 dBm0, as a
/// positive number) and duration in timestamp units.
/// </summary>
/// <param name="Event">The event code (0-15 DTMF, 16 flash).</param>
/// <param name="End">The E bit: this is (a retransmission of) the final packet of the event.</param>
/// <param name="Volume">Power level in -dBm0 (0-63); larger is quieter.</param>
/// <param name="Duration">Duration so far in timestamp units (unsigned 16 bits).</param>
public readonly record struct TelephoneEventPayload(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>The payload length: 4 octets.</summary>
    public const int Length = 4;

    /// <summary>Reads a payload; false when fewer than 4 octets are present (RFC 4733 §2.3).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out TelephoneEventPayload value)
    {
        if (payload.Length < Length)
        {
            value = default;
            return false;
        }

        // Byte 1: E (bit 7), R reserved (bit 6, ignored by receivers per §2.3), volume (6 bits).
        value = new TelephoneEventPayload(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the 4 octets (R bit zero) and returns 4.</summary>
    public int Write(Span<byte> destination)
    {
        if (Volume > 63)
        {
            throw new InvalidOperationException("The volume field has 6 bits (0-63 -dBm0).");
        }

        if (destination.Length < Length)
        {
            throw new ArgumentException("A telephone-event payload needs 4 bytes.", nameof(destination));
        }

        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Length;
    }
}
