using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Speech;

/// <summary>
/// Text-to-speech through the espeak-ng command-line tool (Debian package <c>espeak-ng</c>; voices
/// <c>en-us</c>, <c>en</c>, <c>cmn</c> for Mandarin). espeak-ng writes 22,050 Hz WAV, which sox converts to
/// the requested rate. Rendered prompts are cached on disk under a SHA-256 of text, voice, rate and sample
/// rate, so each distinct prompt is synthesized once; concurrent requests for the same prompt share one run.
/// </summary>
public sealed class EspeakTextToSpeech : ITextToSpeech
{
    private readonly EspeakOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<PcmAudio>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Creates the engine; the cache folder is created if needed.</summary>
    public EspeakTextToSpeech(EspeakOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Directory.CreateDirectory(options.CacheDirectory);
    }

    /// <summary>The file a request is cached in (exposed for tests and cache maintenance).</summary>
    public string CachePathFor(SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string key = string.Join('\n', request.Text, request.Voice,
            request.Rate.ToString(CultureInfo.InvariantCulture), request.SampleRate.ToString(CultureInfo.InvariantCulture));
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(_options.CacheDirectory, $"{hash}.{request.SampleRate}.s16le");
    }

    /// <inheritdoc />
    public async ValueTask<PcmAudio> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        string path = CachePathFor(request);
        if (File.Exists(path))
        {
            return await ReadCacheAsync(path, request.SampleRate, cancellationToken).ConfigureAwait(false);
        }

        var lazy = _inFlight.GetOrAdd(path, p => new Lazy<Task<PcmAudio>>(() => RenderAsync(request, p)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (lazy.Value.IsCompleted)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<PcmAudio>>>(path, lazy));
            }
        }
    }

    private static void Validate(SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new TextToSpeechException("Nothing to say: the text is empty.");
        }

        if (request.SampleRate is not (8000 or 16000 or 48000))
        {
            throw new TextToSpeechException($"Sample rate {request.SampleRate} Hz is not supported; use 8000, 16000 or 48000.");
        }

        if (request.Rate is < 80 or > 450)
        {
            throw new TextToSpeechException($"Speaking rate {request.Rate} is outside espeak-ng's 80-450 words per minute.");
        }

        // The voice becomes a command-line argument: allow only the characters voice names use.
        if (request.Voice.Length is 0 or > 64 || !request.Voice.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/'))
        {
            throw new TextToSpeechException($"'{request.Voice}' is not a valid espeak-ng voice name.");
        }
    }

    private async Task<PcmAudio> RenderAsync(SpeechRequest request, string path)
    {
        // The render is shared by every caller waiting for the same prompt, so one caller's
        // cancellation must not abort it; the timeout bounds it instead.
        using var timeout = new CancellationTokenSource(_options.Timeout);
        string wav = path + "." + Guid.NewGuid().ToString("N") + ".wav";
        string raw = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await RunAsync(_options.EspeakPath, ["-v", request.Voice, "-s", request.Rate.ToString(CultureInfo.InvariantCulture), "--stdin", "-w", wav],
                request.Text, "espeak-ng", timeout.Token).ConfigureAwait(false);
            await RunAsync(_options.SoxPath, [wav, "-r", request.SampleRate.ToString(CultureInfo.InvariantCulture), "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", raw],
                null, "sox", timeout.Token).ConfigureAwait(false);
            File.Move(raw, path, overwrite: true);
            return await ReadCacheAsync(path, request.SampleRate, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TextToSpeechException($"espeak-ng did not finish within {_options.Timeout.TotalSeconds} s.");
        }
        finally
        {
            File.Delete(wav);
            File.Delete(raw);
        }
    }

    private static async Task<PcmAudio> ReadCacheAsync(string path, int sampleRate, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (bytes.Length % 2 != 0)
        {
            throw new TextToSpeechException($"Cached prompt '{path}' has an odd length ({bytes.Length} bytes); delete it to re-render.");
        }

        var samples = new short[bytes.Length / 2];
        MemoryMarshal.Cast<byte, short>(bytes).CopyTo(samples);
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(samples[i]);
            }
        }

        return new PcmAudio(new AudioFormat(sampleRate), samples);
    }

    private static async Task RunAsync(string executable, string[] arguments, string? input, string tool, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new TextToSpeechException($"{tool} could not be started from '{executable}'.");
        }
        catch (Win32Exception e)
        {
            throw new TextToSpeechException(
                $"{tool} was not found at '{executable}': install the Debian package {(tool == "sox" ? "sox" : "espeak-ng")} (apt-get install {(tool == "sox" ? "sox" : "espeak-ng")}) or set the path in EspeakOptions.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteAsync(input ?? string.Empty).ConfigureAwait(false);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await stdout.ConfigureAwait(false);
            string error = (await stderr.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw new TextToSpeechException($"{tool} failed with exit code {process.ExitCode}: {error}");
            }
        }
    }
}
