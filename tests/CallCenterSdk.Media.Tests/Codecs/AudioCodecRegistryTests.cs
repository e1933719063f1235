using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Tests.Codecs;

public class AudioCodecRegistryTests
{
    [Theory]
    [InlineData("PCMU", 8000, 1, 0)]
    [InlineData("pcmu", 8000, 1, 0)]
    [InlineData("PCMA", 8000, 1, 8)]
    [InlineData("g722", 8000, 1, 9)]
    [InlineData("L16", 44100, 1, 11)]
    public void Finds_codecs_by_sdp_name_in_any_case_clock_and_channels(string name, int clock, int channels, int staticPt)
    {
        var registry = AudioCodecRegistry.CreateDefault();
        Assert.True(registry.TryFind(name, clock, channels, out var registration));
        Assert.Equal(staticPt, registration.Codec.StaticPayloadType);
        Assert.True(registry.TryFindStatic(staticPt, out var byPt));
        Assert.Same(registration, byPt);
    }

    [Fact]
    public void Unknown_codec_names_what_was_asked_and_what_exists()
    {
        var registry = AudioCodecRegistry.CreateDefault();
        var error = Assert.Throws<CodecNotSupportedException>(() => registry.CreateDecoder("G729", 8000));
        Assert.Contains("G729/8000/1", error.Message, StringComparison.Ordinal);
        Assert.Contains("PCMU/8000/1", error.Message, StringComparison.Ordinal);
        Assert.False(registry.TryFind("PCMU", 16000, 1, out _));
        Assert.False(registry.TryFind("PCMU", 8000, 2, out _));
    }

    [Fact]
    public void Zero_channels_means_one_as_an_rtpmap_without_channels_does()
    {
        var registry = AudioCodecRegistry.CreateDefault();
        Assert.True(registry.TryFind("PCMA", 8000, 0, out var registration));
        Assert.Equal("PCMA", registration.Codec.EncodingName);
    }

    [Fact]
    public void Each_create_call_returns_a_fresh_stateful_instance()
    {
        var registry = AudioCodecRegistry.CreateDefault();
        using var a = registry.CreateEncoder("G722", 8000);
        using var b = registry.CreateEncoder("G722", 8000);
        Assert.NotSame(a, b);
        Assert.IsType<G722Encoder>(a);
    }

    [Fact]
    public void A_later_registration_replaces_an_earlier_one()
    {
        var registry = new AudioCodecRegistry();
        registry.Register(new(AudioCodecs.Pcmu, () => new MuLawEncoder(), () => new MuLawDecoder()));
        var custom = new AudioCodecRegistration(AudioCodecs.Pcmu with { EncodingName = "pcmu" }, () => new MuLawEncoder(), () => new MuLawDecoder());
        registry.Register(custom);
        Assert.Single(registry.Codecs);
        Assert.Same(custom, registry.Find("PCMU", 8000));
    }

    [Fact]
    public void L16_is_big_endian_and_round_trips()
    {
        using var encoder = new L16Encoder(AudioCodecs.L16Wideband);
        using var decoder = new L16Decoder(AudioCodecs.L16Wideband);
        var payload = new byte[4];
        Assert.Equal(4, encoder.Encode([0x1234, -2], payload));
        Assert.Equal(new byte[] { 0x12, 0x34, 0xFF, 0xFE }, payload);
        var pcm = new short[2];
        Assert.Equal(2, decoder.Decode(payload, pcm));
        Assert.Equal(new short[] { 0x1234, -2 }, pcm);
        Assert.Contains("odd", Assert.Throws<ArgumentException>(() => decoder.Decode(new byte[3], pcm)).Message, StringComparison.Ordinal);
    }
}
