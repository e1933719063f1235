using System.Collections.Concurrent;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Resampling;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>
/// Recorded prompts from a folder of WAV files (PCM16, A-law or mu-law, mono), read with the media layer's
/// WAV reader and resampled to the call's rate with its polyphase resampler. Each prompt is decoded once per
/// sample rate and kept in memory, so thousands of calls share one copy and no file stays open.
/// Names are file names without folders ("welcome" or "welcome.wav").
/// </summary>
public sealed class DirectoryPromptLibrary : IPromptLibrary
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<(string Name, int Rate), Lazy<PcmAudio>> _cache = new();

    /// <summary>Serves prompts from <paramref name="directory"/>.</summary>
    public DirectoryPromptLibrary(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <inheritdoc />
    public ValueTask<IAudioSource> OpenAsync(string name, AudioFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 200 || name.StartsWith('.')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            // Flows are data: a name must not reach outside the prompt folder.
            throw new PromptUnavailableException($"'{name}' is not a valid prompt name (letters, digits, '-', '_' and '.', no folders).");
        }

        if (format.Channels != 1)
        {
            throw new PromptUnavailableException($"Prompts are mono; the channel asked for {format.Channels} channels.");
        }

        string file = name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) ? name : name + ".wav";
        var lazy = _cache.GetOrAdd((file, format.SampleRate), key => new Lazy<PcmAudio>(() => Load(key.Name, key.Rate)));
        try
        {
            return ValueTask.FromResult(lazy.Value.CreateSource());
        }
        catch (PromptUnavailableException)
        {
            // Do not remember failures: the file may be added or fixed while the host runs.
            _cache.TryRemove(new KeyValuePair<(string, int), Lazy<PcmAudio>>((file, format.SampleRate), lazy));
            throw;
        }
    }

    private PcmAudio Load(string file, int rate)
    {
        string path = Path.Combine(_directory, file);
        if (!File.Exists(path))
        {
            throw new PromptUnavailableException($"Prompt '{file}' was not found in '{_directory}'.");
        }

        short[] samples;
        AudioFormat source;
        try
        {
            using var reader = WavReader.Open(path);
            source = reader.Format;
            if (source.Channels != 1)
            {
                throw new PromptUnavailableException($"Prompt '{file}' has {source.Channels} channels; prompts must be mono.");
            }

            var all = new List<short>();
            var buffer = new short[4096];
            int read;
            while ((read = reader.Read(buffer)) > 0)
            {
                all.AddRange(buffer.AsSpan(0, read));
            }

            samples = [.. all];
        }
        catch (WavFormatException e)
        {
            throw new PromptUnavailableException($"Prompt '{file}' is not a usable WAV file: {e.Message}", e);
        }

        if (source.SampleRate == rate)
        {
            return new PcmAudio(new AudioFormat(rate), samples);
        }

        PolyphaseResampler resampler;
        try
        {
            resampler = new PolyphaseResampler(source.SampleRate, rate, samples.Length);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new PromptUnavailableException($"Prompt '{file}' is {source.SampleRate} Hz and cannot be resampled to {rate} Hz: {e.Message}", e);
        }

        var output = new short[resampler.OutputLengthFor(samples.Length)];
        int produced = resampler.Process(samples, output);
        return new PcmAudio(new AudioFormat(rate), output.AsSpan(0, produced).ToArray());
    }
}
