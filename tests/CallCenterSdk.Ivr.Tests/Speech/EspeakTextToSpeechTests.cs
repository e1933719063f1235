using CallCenterSdk.Ivr.Speech;

namespace CallCenterSdk.Ivr.Tests.Speech;

/// <summary>These tests run the real espeak-ng (Debian package espeak-ng) and sox; without them they fail with the engine's message.</summary>
public sealed class EspeakTextToSpeechTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "ivr-tts-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static double Rms(short[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));

    [Fact]
    public async Task English_renders_at_8_and_16_kHz()
    {
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache });
        var narrow = await tts.SynthesizeAsync(new SpeechRequest("Welcome to Example Telecom.", "en-us", 160, 8000), CancellationToken.None);
        var wide = await tts.SynthesizeAsync(new SpeechRequest("Welcome to Example Telecom.", "en-us", 160, 16000), CancellationToken.None);
        Assert.Equal((8000, 1), (narrow.Format.SampleRate, narrow.Format.Channels));
        Assert.Equal(16000, wide.Format.SampleRate);
        Assert.InRange(narrow.Duration.TotalSeconds, 1.0, 4.0);
        Assert.InRange(wide.Duration.TotalSeconds, narrow.Duration.TotalSeconds - 0.05, narrow.Duration.TotalSeconds + 0.05);
        Assert.True(Rms(narrow.Samples) > 300, "the speech is not silent");
    }

    [Fact]
    public async Task Mandarin_voice_renders_chinese_text()
    {
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache });
        var audio = await tts.SynthesizeAsync(new SpeechRequest("欢迎致电，请按一号键。", "cmn", 150, 8000), CancellationToken.None);
        Assert.InRange(audio.Duration.TotalSeconds, 1.0, 8.0);
        Assert.True(Rms(audio.Samples) > 300);
    }

    [Fact]
    public async Task Rendered_prompts_are_cached_on_disk_by_text_voice_and_rate()
    {
        var request = new SpeechRequest("Your call is important to us.", "en-us", 170, 8000);
        var first = await new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache }).SynthesizeAsync(request, CancellationToken.None);
        var cached = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache, EspeakPath = "/nonexistent/espeak-ng" });
        Assert.True(File.Exists(cached.CachePathFor(request)));
        var second = await cached.SynthesizeAsync(request, CancellationToken.None);
        Assert.Equal(first.Samples, second.Samples);
        Assert.NotEqual(cached.CachePathFor(request), cached.CachePathFor(request with { Rate = 171 }));
        Assert.NotEqual(cached.CachePathFor(request), cached.CachePathFor(request with { Voice = "en" }));
        Assert.NotEqual(cached.CachePathFor(request), cached.CachePathFor(request with { SampleRate = 16000 }));
        // A miss needs the engine, which is "missing" here.
        await Assert.ThrowsAsync<TextToSpeechException>(async () => await cached.SynthesizeAsync(request with { Rate = 171 }, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_requests_for_one_prompt_share_a_single_render()
    {
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache });
        var request = new SpeechRequest("Please hold.", "en-us", 160, 8000);
        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tts.SynthesizeAsync(request, CancellationToken.None).AsTask()));
        Assert.All(all, a => Assert.Equal(all[0].Samples, a.Samples));
        Assert.Single(Directory.GetFiles(_cache));
    }

    [Fact]
    public async Task Missing_espeak_gives_a_clear_error_naming_the_package()
    {
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache, EspeakPath = "/nonexistent/espeak-ng" });
        var e = await Assert.ThrowsAsync<TextToSpeechException>(async () => await tts.SynthesizeAsync(new SpeechRequest("hello", "en-us", 160, 8000), CancellationToken.None));
        Assert.Contains("espeak-ng was not found at '/nonexistent/espeak-ng': install the Debian package espeak-ng", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nosuchvoice", "espeak-ng failed with exit code 1: Error: The specified espeak-ng voice does not exist.")]
    [InlineData("en-us; rm -rf /", "not a valid espeak-ng voice name")]
    public async Task Bad_voices_are_refused(string voice, string message)
    {
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache });
        var e = await Assert.ThrowsAsync<TextToSpeechException>(async () => await tts.SynthesizeAsync(new SpeechRequest("hello", voice, 160, 8000), CancellationToken.None));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 160, 8000, "empty")]
    [InlineData("hi", 160, 11025, "11025 Hz is not supported")]
    [InlineData("hi", 5, 8000, "outside espeak-ng's 80-450")]
    public async Task Invalid_requests_are_refused_before_running_the_engine(string text, int rate, int sampleRate, string message)
    {
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = _cache, EspeakPath = "/nonexistent" });
        var e = await Assert.ThrowsAsync<TextToSpeechException>(async () => await tts.SynthesizeAsync(new SpeechRequest(text, "en-us", rate, sampleRate), CancellationToken.None));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
