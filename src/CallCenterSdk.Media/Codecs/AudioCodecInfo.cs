namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// Identifies an audio codec as SDP names it (<c>a=rtpmap:PT NAME/CLOCK[/CHANNELS]</c>) and says what PCM
/// it produces and consumes.
/// </summary>
/// <param name="EncodingName">The SDP encoding name, compared case-insensitively (PCMU, PCMA, G722, L16, opus).</param>
/// <param name="ClockRate">The RTP clock rate written in SDP; for G.722 it is 8000 although audio is 16 kHz (RFC 3551 §4.5.2).</param>
/// <param name="Channels">The channel count written in SDP (opus is always 2 there).</param>
/// <param name="SampleRate">The PCM sample rate the encoder takes and the decoder produces.</param>
/// <param name="StaticPayloadType">The RFC 3551 static payload type, or null for a dynamic one.</param>
public sealed record AudioCodecInfo(string EncodingName, int ClockRate, int Channels, int SampleRate, int? StaticPayloadType)
{
    /// <summary>RTP timestamp units per PCM sample (0.5 for G.722, 1 for G.711, 1 for opus at 48 kHz).</summary>
    public double TimestampUnitsPerSample => (double)ClockRate / SampleRate;
}
