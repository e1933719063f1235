using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Dtmf;
using CallCenterSdk.Media.Tones;

namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>The per-frame paths allocate nothing (the benchmarks measure time; this pins the allocations).</summary>
public class PerFrameAllocationTests
{
    [Fact]
    public void G711_and_G722_encode_and_decode_allocate_nothing_per_frame()
    {
        var narrow = TestSignals.SpeechLike(8000, 160, 1);
        var wide = TestSignals.SpeechLike(16000, 320, 2);
        var payload = new byte[320];
        var pcm = new short[320];
        using var mu = new MuLawEncoder();
        using var muDecoder = new MuLawDecoder();
        using var a = new ALawEncoder();
        using var aDecoder = new ALawDecoder();
        using var g722 = new G722Encoder();
        using var g722Decoder = new G722Decoder();
        void Frame()
        {
            muDecoder.Decode(payload.AsSpan(0, mu.Encode(narrow, payload)), pcm);
            aDecoder.Decode(payload.AsSpan(0, a.Encode(narrow, payload)), pcm);
            g722Decoder.Decode(payload.AsSpan(0, g722.Encode(wide, payload)), pcm);
        }

        Frame();
        Assert.Equal(0, Allocations.LeastAllocated(Frame, 200));
    }

    [Fact]
    public void Dtmf_detection_tone_and_key_generation_allocate_nothing_per_frame()
    {
        var detector = new DtmfDetector(16000);
        var keys = new DtmfGenerator(new string('5', 50), AudioFormat.Wideband, new() { ToneMilliseconds = 40, PauseMilliseconds = 40 });
        var tone = new ToneGenerator(CallProgressTones.For("UK", CallProgressTone.Congestion), AudioFormat.Wideband);
        var frame = new short[320];
        keys.ReadFrame(frame);
        detector.Process(frame);
        tone.ReadFrame(frame);
        // Warm past the first detection: raising KeyDetected allocates its event args (once per key, not per frame).
        Assert.Equal(0, Allocations.LeastAllocated(
            () =>
            {
                tone.ReadFrame(frame);
                detector.Process(frame);
            },
            200));
    }
}
