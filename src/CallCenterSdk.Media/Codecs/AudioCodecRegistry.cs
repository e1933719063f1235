using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CallCenterSdk.Media.Codecs;

/// <summary>
/// Codecs keyed the way SDP names them: encoding name (case-insensitive, RFC 8866 §6.6), clock rate and channel
/// count (an rtpmap without channels means one). Registration normally happens at start-up; look-ups are
/// thread-safe and allocation-free.
/// </summary>
public sealed class AudioCodecRegistry
{
    private readonly ConcurrentDictionary<Key, AudioCodecRegistration> _codecs = new();
    private readonly ConcurrentDictionary<int, AudioCodecRegistration> _byStaticPayloadType = new();

    /// <summary>Creates a registry with the managed codecs: PCMU, PCMA, G722 and L16 at 8, 16 and 44.1 kHz.</summary>
    public static AudioCodecRegistry CreateDefault()
    {
        var registry = new AudioCodecRegistry();
        registry.Register(new(AudioCodecs.Pcmu, () => new MuLawEncoder(), () => new MuLawDecoder()));
        registry.Register(new(AudioCodecs.Pcma, () => new ALawEncoder(), () => new ALawDecoder()));
        registry.Register(new(AudioCodecs.G722, () => new G722Encoder(), () => new G722Decoder()));
        foreach (var l16 in new[] { AudioCodecs.L16Narrowband, AudioCodecs.L16Wideband, AudioCodecs.L16Mono44100 })
        {
            var codec = l16;
            registry.Register(new(codec, () => new L16Encoder(codec), () => new L16Decoder(codec)));
        }

        return registry;
    }

    /// <summary>Every registered codec, in no particular order.</summary>
    public IReadOnlyCollection<AudioCodecRegistration> Codecs => [.. _codecs.Values];

    /// <summary>Adds a codec, replacing any earlier registration with the same name, clock rate and channels.</summary>
    public void Register(AudioCodecRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var codec = registration.Codec;
        if (string.IsNullOrWhiteSpace(codec.EncodingName) || codec.ClockRate <= 0 || codec.Channels <= 0 || codec.SampleRate <= 0)
        {
            throw new ArgumentException($"A codec needs a name and positive clock rate, channels and sample rate; got {codec}.", nameof(registration));
        }

        _codecs[new Key(codec.EncodingName, codec.ClockRate, codec.Channels)] = registration;
        if (codec.StaticPayloadType is int pt)
        {
            _byStaticPayloadType[pt] = registration;
        }
    }

    /// <summary>Finds a codec by SDP encoding name (any case), clock rate and channel count.</summary>
    public bool TryFind(string encodingName, int clockRate, int channels, [NotNullWhen(true)] out AudioCodecRegistration? registration)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        return _codecs.TryGetValue(new Key(encodingName, clockRate, channels <= 0 ? 1 : channels), out registration);
    }

    /// <summary>Finds a codec by its RFC 3551 static payload type (0 PCMU, 8 PCMA, 9 G722, 11 L16).</summary>
    public bool TryFindStatic(int payloadType, [NotNullWhen(true)] out AudioCodecRegistration? registration) =>
        _byStaticPayloadType.TryGetValue(payloadType, out registration);

    /// <summary>Finds a codec or throws <see cref="CodecNotSupportedException"/> naming what was asked for.</summary>
    public AudioCodecRegistration Find(string encodingName, int clockRate, int channels = 1) =>
        TryFind(encodingName, clockRate, channels, out var registration)
            ? registration
            : throw new CodecNotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"No codec is registered for {encodingName}/{clockRate}/{channels}; registered: {string.Join(", ", _codecs.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal))}."));

    /// <summary>Creates an encoder for one stream of the named codec.</summary>
    public IAudioEncoder CreateEncoder(string encodingName, int clockRate, int channels = 1) =>
        Find(encodingName, clockRate, channels).EncoderFactory();

    /// <summary>Creates a decoder for one stream of the named codec.</summary>
    public IAudioDecoder CreateDecoder(string encodingName, int clockRate, int channels = 1) =>
        Find(encodingName, clockRate, channels).DecoderFactory();

    private readonly struct Key(string name, int clockRate, int channels) : IEquatable<Key>
    {
        public string Name { get; } = name;

        public int ClockRate { get; } = clockRate;

        public int Channels { get; } = channels;

        public bool Equals(Key other) =>
            ClockRate == other.ClockRate && Channels == other.Channels && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Name), ClockRate, Channels);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}/{ClockRate}/{Channels}");
    }
}
