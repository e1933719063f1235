using System.Globalization;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// A codec as SDP describes it: payload type, encoding name, clock rate, channels and format parameters.
/// This is the SIP layer's own description; the call-control layer maps it to the media codec registry,
/// so <c>CallCenterSdk.Sip</c> does not depend on <c>CallCenterSdk.Media</c>.
/// </summary>
/// <param name="PayloadType">RTP payload type (0..127). In local capabilities this is the preferred number for a dynamic codec.</param>
/// <param name="EncodingName">Encoding name as in <c>a=rtpmap</c> (compared case-insensitively, RFC 3551 §6).</param>
/// <param name="ClockRate">RTP clock rate in Hz (8000 for G.722 by RFC 3551's historical error).</param>
/// <param name="Channels">Number of audio channels (Opus is always 2 in SDP, RFC 7587 §7).</param>
/// <param name="FormatParameters">The <c>a=fmtp</c> parameters, or null.</param>
public sealed record SdpCodec(int PayloadType, string EncodingName, int ClockRate, int Channels = 1, string? FormatParameters = null)
{
    /// <summary>G.711 mu-law, static payload type 0.</summary>
    public static SdpCodec Pcmu { get; } = new(0, "PCMU", 8000);

    /// <summary>G.711 A-law, static payload type 8.</summary>
    public static SdpCodec Pcma { get; } = new(8, "PCMA", 8000);

    /// <summary>G.722, static payload type 9 (16 kHz audio, 8000 in SDP).</summary>
    public static SdpCodec G722 { get; } = new(9, "G722", 8000);

    /// <summary>Comfort noise, static payload type 13 (RFC 3389).</summary>
    public static SdpCodec ComfortNoise { get; } = new(13, "CN", 8000);

    /// <summary>Opus (RFC 7587) with the conventional dynamic payload type 111.</summary>
    public static SdpCodec Opus { get; } = new(111, "opus", 48000, 2, "useinbandfec=1");

    /// <summary>RFC 4733 telephone-events at 8 kHz (DTMF 0-9, *, #, A-D and flash), payload type 101.</summary>
    public static SdpCodec TelephoneEvent8000 { get; } = new(101, "telephone-event", 8000, 1, "0-16");

    /// <summary>RFC 4733 telephone-events at 48 kHz (to pair with Opus), payload type 110.</summary>
    public static SdpCodec TelephoneEvent48000 { get; } = new(110, "telephone-event", 48000, 1, "0-16");

    /// <summary>True for RFC 4733 <c>telephone-event</c>.</summary>
    public bool IsTelephoneEvent => string.Equals(EncodingName, "telephone-event", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for RFC 3389 comfort noise (<c>CN</c>).</summary>
    public bool IsComfortNoise => string.Equals(EncodingName, "CN", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when both describe the same encoding: name (case-insensitive), clock rate and channels.</summary>
    public bool IsSameEncoding(SdpCodec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(EncodingName, other.EncodingName, StringComparison.OrdinalIgnoreCase)
            && ClockRate == other.ClockRate
            && Channels == other.Channels;
    }

    /// <summary>The same codec under another payload type.</summary>
    public SdpCodec WithPayloadType(int payloadType) => this with { PayloadType = payloadType };

    /// <summary>The <c>a=rtpmap</c> value for this codec.</summary>
    public string ToRtpMapValue() => Channels == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{Channels}");

    /// <inheritdoc />
    public override string ToString() => Channels == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{EncodingName}/{ClockRate} (pt {PayloadType})")
        : string.Create(CultureInfo.InvariantCulture, $"{EncodingName}/{ClockRate}/{Channels} (pt {PayloadType})");
}
