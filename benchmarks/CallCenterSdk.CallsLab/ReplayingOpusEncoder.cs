using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Opus;

namespace CallCenterSdk.CallsLab;

/// <summary>
/// The far end's Opus "encoder" in <c>--replay</c> mode: one second of real libopus packets (of the far end's tone),
/// encoded once at start-up and then handed out in a loop whatever PCM it is given, as sipp replays a pcap. The
/// B2BUA under test still receives, decodes and transcodes real Opus; only the load generator's own encoding, which
/// shares the two cores with the B2BUA and is not what is measured, is taken out.
/// </summary>
internal sealed class ReplayingOpusEncoder : IAudioEncoder
{
    private readonly byte[][] _packets;
    private int _next;

    private ReplayingOpusEncoder(byte[][] packets, AudioCodecInfo codec)
    {
        _packets = packets;
        Codec = codec;
    }

    public AudioCodecInfo Codec { get; }

    /// <summary>Registers opus/48000/2 whose encoders replay <paramref name="source"/> encoded once with <paramref name="options"/>.</summary>
    public static void Register(AudioCodecRegistry registry, OpusEncoderOptions options, Func<int, short[]> source)
    {
        var frames = options.SampleRate / 50;
        var pcm = source(frames * 50);
        var packets = new byte[50][];
        using (var encoder = new OpusEncoder(options))
        {
            var buffer = new byte[1500];
            for (var i = 0; i < packets.Length; i++)
            {
                var length = encoder.Encode(pcm.AsSpan(i * frames, frames), buffer);
                packets[i] = buffer.AsSpan(0, length).ToArray();
            }
        }

        var codec = OpusCodec.Info(options.SampleRate);
        registry.Register(new AudioCodecRegistration(codec, () => new ReplayingOpusEncoder(packets, codec), () => new OpusDecoder(options.SampleRate)));
    }

    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        var packet = _packets[_next];
        _next = (_next + 1) % _packets.Length;
        packet.CopyTo(payload);
        return packet.Length;
    }

    public void Dispose()
    {
    }
}
