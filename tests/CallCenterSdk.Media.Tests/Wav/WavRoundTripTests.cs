using System.Buffers.Binary;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Tests.Codecs;
using CallCenterSdk.Media.Wav;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Media.Tests.Wav;

public class WavRoundTripTests
{
    [Property(MaxTest = 60)]
    public bool Pcm16_files_round_trip_any_samples_and_channel_count(short[] samples, PositiveInt channelSeed, PositiveInt rateSeed)
    {
        int channels = (channelSeed.Get % 2) + 1;
        int rate = new[] { 8000, 16000, 48000 }[rateSeed.Get % 3];
        var frames = samples[..(samples.Length / channels * channels)];
        var read = WriteThenRead(frames, new AudioFormat(rate, channels), WavEncoding.Pcm16, out var format, out var declared);
        return read.SequenceEqual(frames) && format == new AudioFormat(rate, channels) && declared == frames.Length / channels;
    }

    [Property(MaxTest = 60)]
    public bool G711_files_hold_exactly_what_the_codec_produces(short[] samples, bool muLaw)
    {
        var encoding = muLaw ? WavEncoding.MuLaw : WavEncoding.ALaw;
        var read = WriteThenRead(samples, AudioFormat.Narrowband, encoding, out _, out _);
        var expected = samples.Select(s => muLaw ? MuLaw.Decode(MuLaw.Encode(s)) : ALaw.Decode(ALaw.Encode(s)));
        return read.SequenceEqual(expected);
    }

    [Theory]
    [InlineData(WavEncoding.Pcm16, "Signed Integer PCM")]
    [InlineData(WavEncoding.MuLaw, "u-law")]
    [InlineData(WavEncoding.ALaw, "A-law")]
    public void Sox_reads_our_files_with_the_same_samples(WavEncoding encoding, string soxEncoding)
    {
        using var dir = new TempDirectory();
        string path = dir.File("ours.wav");
        var pcm = TestSignals.SpeechLike(16000, 16000, 4);
        using (var writer = WavWriter.Create(path, AudioFormat.Wideband, encoding))
        {
            writer.Write(pcm);
        }

        string info = ExternalTool.Run("sox", "sox", "--i", path);
        Assert.Contains(soxEncoding, info, StringComparison.Ordinal);
        Assert.Contains("16000", info, StringComparison.Ordinal);
        Assert.Contains("16000 samples", info, StringComparison.Ordinal);

        string raw = dir.File("decoded.raw");
        ExternalTool.Run("sox", "sox", path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", raw);
        var soxSamples = ReadRaw(raw);
        using var reader = WavReader.Open(path);
        var ours = new short[pcm.Length];
        Assert.Equal(pcm.Length, reader.Read(ours));
        Assert.Equal(soxSamples, ours);
    }

    [Theory]
    [InlineData("u-law", 8)]
    [InlineData("a-law", 8)]
    [InlineData("signed-integer", 16)]
    public void We_read_files_sox_wrote_with_the_samples_sox_decodes(string encoding, int bits)
    {
        using var dir = new TempDirectory();
        string path = dir.File("sox.wav");
        ExternalTool.Run("sox", "sox", "-n", "-r", "8000", "-c", "2", "-e", encoding, "-b", bits.ToString(System.Globalization.CultureInfo.InvariantCulture), path, "synth", "0.5", "sine", "440", "sine", "1000");
        string raw = dir.File("sox.raw");
        ExternalTool.Run("sox", "sox", path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", raw);
        var expected = ReadRaw(raw);
        using var reader = WavReader.Open(path);
        Assert.Equal(new AudioFormat(8000, 2), reader.Format);
        var all = new List<short>();
        var buffer = new short[333 * 2];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, n));
        }

        Assert.Equal(expected, all);
    }

    [Fact]
    public void A_file_cut_off_mid_write_is_read_up_to_the_last_whole_frame()
    {
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, new AudioFormat(8000, 2), leaveOpen: true))
        {
            writer.Write(Enumerable.Range(0, 2000).Select(i => (short)i).ToArray());
        }

        // Header says 4000 data bytes; keep 1001 of them, as if the process died inside a frame.
        var cut = stream.ToArray()[..(44 + 1001)];
        using var reader = new WavReader(new MemoryStream(cut));
        Assert.Null(reader.DeclaredFrames);
        var samples = new short[4000];
        int n = reader.Read(samples);
        Assert.Equal(500, n); // 250 whole stereo frames of 4 bytes
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (short)i), samples[..n]);
        Assert.Equal(0, reader.Read(samples));
    }

    [Fact]
    public void A_non_seekable_stream_gets_unknown_sizes_and_is_read_to_its_end()
    {
        var inner = new MemoryStream();
        using (var writer = new WavWriter(new ForwardOnlyStream(inner), AudioFormat.Narrowband, WavEncoding.MuLaw, leaveOpen: true))
        {
            writer.Write(new short[800]);
        }

        var bytes = inner.ToArray();
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        using var reader = new WavReader(new ForwardOnlyStream(new MemoryStream(bytes)));
        Assert.Equal(WavEncoding.MuLaw, reader.Encoding);
        Assert.Equal(800, reader.Read(new short[1000]));
    }

    [Fact]
    public void Looping_source_restarts_at_the_end_and_a_plain_one_ends()
    {
        using var dir = new TempDirectory();
        string path = dir.File("short.wav");
        using (var writer = WavWriter.Create(path, AudioFormat.Narrowband))
        {
            writer.Write(Enumerable.Range(1, 100).Select(i => (short)i).ToArray());
        }

        using var looping = new WavFileSource(path, loop: true);
        var frame = new short[160];
        Assert.Equal(160, looping.ReadFrame(frame));
        Assert.Equal(100, frame[99]);
        Assert.Equal(1, frame[100]);
        using var once = new WavFileSource(path);
        Assert.Equal(100, once.ReadFrame(frame));
        Assert.Equal(0, once.ReadFrame(frame));
    }

    private static short[] WriteThenRead(short[] samples, AudioFormat format, WavEncoding encoding, out AudioFormat readFormat, out long? declared)
    {
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, format, encoding, leaveOpen: true))
        {
            writer.Write(samples);
        }

        stream.Position = 0;
        using var reader = new WavReader(stream);
        readFormat = reader.Format;
        declared = reader.DeclaredFrames;
        var result = new short[samples.Length + 10];
        int n = reader.Read(result);
        return result[..n];
    }

    private static short[] ReadRaw(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var samples = new short[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2));
        }

        return samples;
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
