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
}
