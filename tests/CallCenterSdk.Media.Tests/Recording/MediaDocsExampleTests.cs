using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Dtmf;
using CallCenterSdk.Media.Opus;
using CallCenterSdk.Media.Recording;
using CallCenterSdk.Media.Tests.Codecs;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Media.Tests.Recording;

/// <summary>The "runnable tour" of docs/media.md, executed as written, with its promised output checked.</summary>
public class MediaDocsExampleTests
{
    [Fact]
    public void The_tour_in_docs_media_md_detects_the_keys_and_writes_a_stereo_recording()
    {
        using var dir = new TempDirectory();
        string path = dir.File("call.wav");
        var found = new List<DtmfDetection>();

        var registry = AudioCodecRegistry.CreateDefault().AddOpus(new OpusEncoderOptions { SampleRate = 16000 });
        using var encoder = registry.CreateEncoder("PCMU", 8000);
        using var decoder = registry.CreateDecoder("PCMU", 8000);

        var keys = new DtmfGenerator("42#", AudioFormat.Narrowband);
        var detector = new DtmfDetector(8000);
        detector.KeyDetected += (_, e) => found.Add(e.Detection);

        var ringback = new ToneGenerator(CallProgressTones.For("UK", CallProgressTone.Ringback), AudioFormat.Narrowband);
        using (var recorder = new CallRecorder(path, AudioFormat.Narrowband))
        {
            var caller = new short[160];
            var agent = new short[160];
            var payload = new byte[160];
            var heard = new short[160];
            for (int tick = 0; tick < 50; tick++)
            {
                int n = keys.ReadFrame(caller);
                caller.AsSpan(n).Clear();
                int bytes = encoder.Encode(caller, payload);
                decoder.Decode(payload.AsSpan(0, bytes), heard);
                detector.Process(heard);

                ringback.ReadFrame(agent);
                recorder.WriteFrame(caller, agent);
            }
        }

        Assert.Equal("42#", new string([.. found.Select(d => d.Key)]));
        Assert.InRange(found[0].StartSample, 0, 40);
        Assert.InRange(found[1].StartSample, 1600 - 40, 1600 + 40);
        Assert.InRange(found[2].StartSample, 3200 - 40, 3200 + 40);
        using var reader = WavReader.Open(path);
        Assert.Equal(new AudioFormat(8000, 2), reader.Format);
        Assert.Equal(8000, reader.DeclaredFrames);
    }

    [Fact]
    public void The_recording_example_in_docs_media_md_writes_three_seconds_with_the_agent_silent_after_two()
    {
        using var dir = new TempDirectory();
        string path = dir.File("42.wav");

        // As in docs/media.md, "Recording", with the file in a temp folder.
        var callerAudio = new ToneGenerator(ToneDefinition.Beep(440, 3000), AudioFormat.Narrowband);
        var agentAudio = new ToneGenerator(ToneDefinition.Beep(1000, 3000), AudioFormat.Narrowband);
        using (var recorder = new CallRecorder(path, AudioFormat.Narrowband,
            new CallRecorderOptions { Encoding = WavEncoding.MuLaw, FlushIntervalSeconds = 1 }))
        {
            var frame = new short[160];
            for (int tick = 0; tick < 150; tick++)
            {
                callerAudio.ReadFrame(frame);
                recorder.CallerSink.WriteFrame(frame);
                if (tick < 100)
                {
                    agentAudio.ReadFrame(frame);
                    recorder.AgentSink.WriteFrame(frame);
                }
            }
        }

        using var reader = WavReader.Open(path);
        Assert.Equal($"2 channels, 3 s, MuLaw", $"{reader.Format.Channels} channels, {reader.DeclaredFrames / 8000.0} s, {reader.Encoding}");
        var stereo = new short[2 * 24000];
        Assert.Equal(stereo.Length, reader.Read(stereo));
        var left = stereo.Where((_, i) => i % 2 == 0).ToArray();
        var right = stereo.Where((_, i) => i % 2 == 1).ToArray();
        // 440 Hz crosses zero 880 times a second, 1 kHz 2,000 times.
        for (int second = 0; second < 3; second++)
        {
            Assert.InRange(ZeroCrossings(left.AsSpan(second * 8000, 8000)), 870, 890);
        }

        Assert.InRange(ZeroCrossings(right.AsSpan(0, 16000)), 3980, 4020);
        Assert.All(right[16000..], s => Assert.Equal(0, s));
    }

    private static int ZeroCrossings(ReadOnlySpan<short> samples)
    {
        int crossings = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                crossings++;
            }
        }

        return crossings;
    }
}
