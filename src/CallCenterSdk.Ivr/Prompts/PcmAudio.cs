using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>A block of PCM in memory: rendered speech, a recording, a cached prompt.</summary>
public sealed class PcmAudio
{
    /// <summary>Wraps <paramref name="samples"/> (interleaved when the format has several channels).</summary>
    public PcmAudio(AudioFormat format, short[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (format.SampleRate <= 0 || format.Channels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Sample rate and channels must be positive.");
        }

        Format = format;
        Samples = samples;
    }

    /// <summary>The format of <see cref="Samples"/>.</summary>
    public AudioFormat Format { get; }

    /// <summary>The samples.</summary>
    public short[] Samples { get; }

    /// <summary>The length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / Format.Channels / Format.SampleRate);

    /// <summary>A new source that plays this audio once from the start.</summary>
    public IAudioSource CreateSource() => new PcmAudioSource(this);
}
