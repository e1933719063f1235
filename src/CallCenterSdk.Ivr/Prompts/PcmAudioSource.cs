using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>Plays a <see cref="PcmAudio"/> once; each reader has its own position so one cached prompt serves many calls.</summary>
internal sealed class PcmAudioSource(PcmAudio audio) : IAudioSource
{
    private int _position;

    public AudioFormat Format => audio.Format;

    public int ReadFrame(Span<short> frame)
    {
        int count = Math.Min(frame.Length, audio.Samples.Length - _position);
        audio.Samples.AsSpan(_position, count).CopyTo(frame);
        _position += count;
        return count;
    }
}
