using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Hosting.Tests.EndToEnd;

/// <summary>A call recording as the center writes it (two-channel WAV: caller left, agent right), heard per channel.</summary>
internal static class TwoChannelRecording
{
    /// <summary>Probes both channels in 20 ms frames for <paramref name="frequencies"/>.</summary>
    public static (ToneProbe Caller, ToneProbe Agent, int Channels, TimeSpan Duration) Hear(string path, params double[] frequencies)
    {
        using var wav = WavReader.Open(path);
        var channels = wav.Format.Channels;
        var caller = new ToneProbe(wav.Format.SampleRate, frequencies);
        var agent = new ToneProbe(wav.Format.SampleRate, frequencies);
        if (channels != 2)
        {
            return (caller, agent, channels, TimeSpan.Zero);
        }

        var frame = new short[wav.Format.SamplesPerFrame];
        var left = new short[frame.Length / 2];
        var right = new short[frame.Length / 2];
        var frames = 0;
        while (wav.Read(frame) == frame.Length)
        {
            for (var i = 0; i < left.Length; i++)
            {
                left[i] = frame[2 * i];
                right[i] = frame[(2 * i) + 1];
            }

            caller.WriteFrame(left);
            agent.WriteFrame(right);
            frames++;
        }

        return (caller, agent, channels, TimeSpan.FromMilliseconds(frames * 20));
    }
}
