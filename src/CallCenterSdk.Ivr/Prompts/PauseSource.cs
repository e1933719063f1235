using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>Silence for a fixed time (pauses between prompts).</summary>
internal sealed class PauseSource(AudioFormat format, TimeSpan duration) : IAudioSource
{
    private int _remaining = (int)Math.Round(duration.TotalSeconds * format.SampleRate) * format.Channels;

    public AudioFormat Format => format;

    public int ReadFrame(Span<short> frame)
    {
        int count = Math.Min(frame.Length, _remaining);
        frame[..count].Clear();
        _remaining -= count;
        return count;
    }
}
