using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Calls.Tests.Support;

/// <summary>A WAV file read whole, split into channels, with per-frame tone analysis.</summary>
internal sealed class StereoWav
{
    private StereoWav(AudioFormat format, short[][] channels, long? declaredFrames)
    {
        Format = format;
        Channels = channels;
        DeclaredFrames = declaredFrames;
    }

    public AudioFormat Format { get; }

    public short[][] Channels { get; }

    public long? DeclaredFrames { get; }

    public int Frames => Channels[0].Length;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / Format.SampleRate);

    public static StereoWav Read(string path)
    {
        using var reader = WavReader.Open(path);
        var channels = reader.Format.Channels;
        var samples = new List<short>();
        var buffer = new short[4096 * channels];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            samples.AddRange(buffer.AsSpan(0, n));
        }

        var split = new short[channels][];
        for (var c = 0; c < channels; c++)
        {
            split[c] = new short[samples.Count / channels];
            for (var i = 0; i < split[c].Length; i++)
            {
                split[c][i] = samples[(i * channels) + c];
            }
        }

        return new StereoWav(reader.Format, split, reader.DeclaredFrames);
    }

    /// <summary>Runs one channel through a tone probe, 20 ms at a time.</summary>
    public ToneProbe Probe(int channel, params double[] frequencies)
    {
        var probe = new ToneProbe(Format.SampleRate, frequencies);
        var frame = Format.SampleRate / 50;
        var data = Channels[channel];
        for (var offset = 0; offset + frame <= data.Length; offset += frame)
        {
            probe.WriteFrame(data.AsSpan(offset, frame));
        }

        return probe;
    }
}
