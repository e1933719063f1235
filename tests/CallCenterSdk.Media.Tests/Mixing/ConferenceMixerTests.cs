using System.Globalization;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Mixing;
using CallCenterSdk.Media.Tests.Codecs;
using CallCenterSdk.Media.Wav;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Media.Tests.Mixing;

public class ConferenceMixerTests
{
    [Fact]
    public void Each_participant_hears_exactly_what_sox_mixes_from_the_others_wavs()
    {
        using var dir = new TempDirectory();
        string[] names = ["alice", "bob", "carol"];
        string[] voices = ["en+f3", "en+m3", "en-us+f4"];
        var paths = names.Select((n, i) => SpeechFiles.Make(dir, n, voices[i], $"This is {n} speaking in the conference, can everyone hear me?", 8000, gainDb: 6)).ToArray();

        var mixer = new ConferenceMixer(AudioFormat.Narrowband);
        var sources = paths.Select(p => new WavFileSource(p)).ToArray();
        var sinks = names.Select(n => new WavFileSink(dir.File(n + "-hears.wav"), AudioFormat.Narrowband)).ToArray();
        for (int i = 0; i < names.Length; i++)
        {
            mixer.Add(names[i], sources[i], sinks[i]);
        }

        int longest = paths.Max(p => (int)WavReader.Open(p).DeclaredFrames!.Value);
        for (int t = 0; t < longest; t += 160)
        {
            mixer.MixFrame();
        }

        foreach (var d in sources)
        {
            d.Dispose();
        }

        foreach (var s in sinks)
        {
            s.Dispose();
        }

        for (int i = 0; i < names.Length; i++)
        {
            var others = paths.Where((_, k) => k != i).ToArray();
            string expected = dir.File(names[i] + "-sox.wav");
            // -m with -v 1 on each input: a plain sum, clipped at full scale, no 1/n scaling, no dither.
            ExternalTool.Run("sox", "sox", "-D", "-m", "-v", "1", others[0], "-v", "1", others[1], expected);
            var soxMix = ReadAll(expected);
            var ours = ReadAll(dir.File(names[i] + "-hears.wav"));
            Assert.True(soxMix.Length <= ours.Length, $"sox mix {soxMix.Length} samples, ours {ours.Length}");
            Assert.Equal(soxMix, ours[..soxMix.Length]);
            Assert.All(ours[soxMix.Length..], s => Assert.Equal(0, s));
            Assert.True(TestSignals.Rms(ours) > 300, "the mix should carry speech");
        }
    }

    [Property(MaxTest = 100)]
    public bool Every_output_is_the_saturated_sum_of_all_other_inputs(NonEmptyArray<short> seed, PositiveInt count)
    {
        int participants = (count.Get % 12) + 1;
        int frame = 160;
        var inputs = new short[participants * frame];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = seed.Get[i % seed.Get.Length];
            inputs[i] = (short)(inputs[i] ^ (i * 7919));
        }

        var outputs = new short[inputs.Length];
        ConferenceMixer.MixMinusOne(inputs, outputs, participants, new int[frame]);
        for (int p = 0; p < participants; p++)
        {
            for (int s = 0; s < frame; s++)
            {
                int sum = 0;
                for (int q = 0; q < participants; q++)
                {
                    if (q != p)
                    {
                        sum += inputs[(q * frame) + s];
                    }
                }

                if (outputs[(p * frame) + s] != Math.Clamp(sum, short.MinValue, short.MaxValue))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Fact]
    public void Muted_participants_are_not_heard_and_listen_only_ones_hear_everyone()
    {
        var mixer = new ConferenceMixer(AudioFormat.Narrowband);
        var a = new Capture();
        var b = new Capture();
        var supervisor = new Capture();
        mixer.Add("a", new Constant(1000), a);
        var bp = mixer.Add("b", new Constant(200), b);
        mixer.Add("supervisor", null, supervisor);
        mixer.MixFrame();
        Assert.All(a.Last, s => Assert.Equal(200, s));
        Assert.All(b.Last, s => Assert.Equal(1000, s));
        Assert.All(supervisor.Last, s => Assert.Equal(1200, s));

        bp.CanSpeak = false;
        mixer.MixFrame();
        Assert.All(a.Last, s => Assert.Equal(0, s));
        Assert.All(supervisor.Last, s => Assert.Equal(1000, s));
        Assert.All(b.Last, s => Assert.Equal(1000, s));

        Assert.True(mixer.Remove(bp));
        Assert.False(mixer.Remove(bp));
        Assert.Equal(2, mixer.Participants.Count);
    }

    [Fact]
    public void Loud_participants_saturate_instead_of_wrapping()
    {
        var mixer = new ConferenceMixer(AudioFormat.Narrowband);
        var listener = new Capture();
        mixer.Add("a", new Constant(30000), null);
        mixer.Add("b", new Constant(30000), null);
        mixer.Add("c", new Constant(-30000), null);
        mixer.Add("listener", null, listener);
        mixer.Add("d", new Constant(30000), null);
        mixer.MixFrame();
        Assert.All(listener.Last, s => Assert.Equal(short.MaxValue, s));
    }

    [Fact]
    public void Mismatched_formats_are_rejected_with_the_participant_name()
    {
        var mixer = new ConferenceMixer(AudioFormat.Narrowband);
        var error = Assert.Throws<ArgumentException>(() => mixer.Add("wideband phone", new Constant(1, AudioFormat.Wideband), null));
        Assert.Contains("wideband phone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_with_ten_participants_allocates_nothing()
    {
        var mixer = new ConferenceMixer(AudioFormat.Narrowband);
        for (int i = 0; i < 10; i++)
        {
            mixer.Add(i.ToString(CultureInfo.InvariantCulture), new Constant((short)(i * 100)), new Capture());
        }

        mixer.MixFrame();
        Assert.Equal(0, Allocations.LeastAllocated(mixer.MixFrame, 100));
    }

    private static short[] ReadAll(string path)
    {
        using var reader = WavReader.Open(path);
        var all = new List<short>();
        var buffer = new short[4096];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, n));
        }

        return [.. all];
    }

    private sealed class Constant(short value, AudioFormat? format = null) : IAudioSource
    {
        public AudioFormat Format { get; } = format ?? AudioFormat.Narrowband;

        public int ReadFrame(Span<short> frame)
        {
            frame.Fill(value);
            return frame.Length;
        }
    }

    private sealed class Capture : IAudioSink
    {
        public short[] Last { get; } = new short[160];

        public AudioFormat Format => AudioFormat.Narrowband;

        public void WriteFrame(ReadOnlySpan<short> frame) => frame.CopyTo(Last);
    }
}
