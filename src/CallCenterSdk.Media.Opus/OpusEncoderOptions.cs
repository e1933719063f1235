namespace CallCenterSdk.Media.Opus;

/// <summary>Settings of an <see cref="OpusEncoder"/>, applied with opus_encoder_ctl when it is created.</summary>
public sealed record OpusEncoderOptions
{
    /// <summary>PCM sample rate: 8000, 12000, 16000, 24000 or 48000 Hz; default 48000.</summary>
    public int SampleRate { get; init; } = 48000;

    /// <summary>Coding mode; default <see cref="OpusApplication.Voip"/>.</summary>
    public OpusApplication Application { get; init; } = OpusApplication.Voip;

    /// <summary>Target bitrate in bit/s (500 to 512000); default 32000.</summary>
    public int Bitrate { get; init; } = 32000;

    /// <summary>Encoder complexity 0 (fastest) to 10 (best); default 5, a telephony server's usual trade-off.</summary>
    public int Complexity { get; init; } = 5;

    /// <summary>In-band forward error correction (LBRR, RFC 6716 §2.1.7); default false.</summary>
    public bool InbandFec { get; init; }

    /// <summary>Discontinuous transmission: silence becomes 1-2 byte packets; default false.</summary>
    public bool Dtx { get; init; }

    /// <summary>Expected packet loss in percent (0-100); tunes how much FEC the encoder spends; default 0.</summary>
    public int PacketLossPercent { get; init; }

    /// <summary>Variable bitrate; default true.</summary>
    public bool Vbr { get; init; } = true;

    internal void Validate()
    {
        if (SampleRate is not (8000 or 12000 or 16000 or 24000 or 48000))
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "Opus encodes 8000, 12000, 16000, 24000 or 48000 Hz PCM.");
        }

        if (Bitrate is < 500 or > 512000)
        {
            throw new ArgumentOutOfRangeException(nameof(Bitrate), Bitrate, "Opus bitrates range from 500 to 512000 bit/s.");
        }

        if (Complexity is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Complexity), Complexity, "Opus complexity ranges from 0 to 10.");
        }

        if (PacketLossPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(PacketLossPercent), PacketLossPercent, "Packet loss is a percentage from 0 to 100.");
        }

        if (!Enum.IsDefined(Application))
        {
            throw new ArgumentOutOfRangeException(nameof(Application), Application, "Unknown Opus application.");
        }
    }
}
