using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Recording;
using CallCenterSdk.Media.Tests.Codecs;
using CallCenterSdk.Media.Tests.Mixing;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Media.Tests.Recording;

public class CallRecorderTests
{
    [Fact]
    public void Caller_goes_left_and_agent_right_and_sox_plays_the_file()
    {
        using var dir = new TempDirectory();
        var caller = ReadAll(SpeechFiles.Make(dir, "caller", "en+m3", "Hello, I am calling about my broken internet connection.", 8000));
        var agent = ReadAll(SpeechFiles.Make(dir, "agent", "en+f3", "Thank you for calling, let me look into that for you right away.", 8000));
        string path = dir.File("call.wav");
        int frames = Math.Max(caller.Length, agent.Length) / 160;
        using (var recorder = new CallRecorder(path, AudioFormat.Narrowband))
        {
            for (int f = 0; f < frames; f++)
            {
                recorder.WriteFrame(Slice(caller, f), Slice(agent, f));
            }
        }

        using var reader = WavReader.Open(path);
        Assert.Equal(new AudioFormat(8000, 2), reader.Format);
        var stereo = new short[frames * 320];
        Assert.Equal(stereo.Length, reader.Read(stereo));
        for (int i = 0; i < frames * 160; i++)
        {
            Assert.Equal(i < caller.Length ? caller[i] : 0, stereo[2 * i]);
            Assert.Equal(i < agent.Length ? agent[i] : 0, stereo[(2 * i) + 1]);
        }

        string info = ExternalTool.Run("sox", "sox", "--i", path);
        Assert.Contains("Channels       : 2", info, StringComparison.Ordinal);
        Assert.Contains($"{frames * 160} samples", info, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recording_abandoned_without_close_plays_up_to_the_last_flushed_second()
    {
        using var dir = new TempDirectory();
        string path = dir.File("crash.wav");
        var recorder = new CallRecorder(path, AudioFormat.Narrowband, new() { Encoding = WavEncoding.MuLaw });
        var callerTone = new ToneGenerator(CallProgressTones.For("US", CallProgressTone.Dial), AudioFormat.Narrowband);
        var agentTone = new ToneGenerator(CallProgressTones.For("EU", CallProgressTone.Dial), AudioFormat.Narrowband);
        var c = new short[160];
        var a = new short[160];
        for (int f = 0; f < 125; f++) // 2.5 s: flushed at 1 s and 2 s
        {
            callerTone.ReadFrame(c);
            agentTone.ReadFrame(a);
            recorder.WriteFrame(c, a);
        }

        // The process "dies" here: the recorder is never disposed. Copy what is on disk now.
        string copy = dir.File("after-crash.wav");
        File.Copy(path, copy);
        GC.KeepAlive(recorder);

        using (var reader = WavReader.Open(copy))
        {
            Assert.Equal(16000, reader.DeclaredFrames);
            var samples = new short[40000];
            Assert.Equal(32000, reader.Read(samples));
        }

        string info = ExternalTool.Run("sox", "sox", "--i", copy);
        Assert.Contains("00:00:02.00", info, StringComparison.Ordinal);
        // sox can decode every sample of it, too.
        ExternalTool.Run("sox", "sox", copy, dir.File("decoded.wav"));
        recorder.Dispose();
    }

    [Fact]
    public void A_file_truncated_anywhere_after_the_last_flush_still_plays_the_flushed_seconds()
    {
        var stream = new MemoryStream();
        var recorder = new CallRecorder(new NonClosingStream(stream), AudioFormat.Wideband);
        var frame = TestSignals.Sine(440, 16000, 320, 8000);
        for (int f = 0; f < 80; f++) // 1.6 s: flushed at 1 s
        {
            recorder.WriteFrame(frame, frame);
        }

        var bytes = stream.ToArray();
        int flushedEnd = 44 + (16000 * 4);
        for (int cut = flushedEnd; cut <= bytes.Length; cut += 997)
        {
            using var reader = new WavReader(new MemoryStream(bytes[..cut]));
            var samples = new short[100000];
            Assert.Equal(32000, reader.Read(samples));
        }

        recorder.Dispose();
    }

    [Fact]
    public void Legs_pushed_separately_are_paired_and_a_silent_leg_does_not_stall_the_recording()
    {
        var stream = new MemoryStream();
        using (var recorder = new CallRecorder(new NonClosingStream(stream), AudioFormat.Narrowband, new() { MaxSkewFrames = 5 }))
        {
            var one = Enumerable.Repeat((short)1, 160).ToArray();
            var two = Enumerable.Repeat((short)2, 160).ToArray();
            recorder.CallerSink.WriteFrame(one);
            Assert.Equal(0, recorder.FramesWritten);
            recorder.AgentSink.WriteFrame(two);
            Assert.Equal(160, recorder.FramesWritten);

            // The agent goes on hold: no agent frames. The caller's frames must still be recorded.
            for (int i = 0; i < 20; i++)
            {
                recorder.CallerSink.WriteFrame(one);
            }

            Assert.InRange(recorder.FramesWritten, 160 * 16, 160 * 21);
        }

        stream.Position = 0;
        using var reader = new WavReader(stream);
        var samples = new short[21 * 320];
        Assert.Equal(21 * 320, reader.Read(samples));
        Assert.Equal(1, samples[0]);
        Assert.Equal(2, samples[1]);
        Assert.Equal(1, samples[^2]);
        Assert.Equal(0, samples[^1]);
    }

    [Fact]
    public void A_failing_disk_surfaces_as_an_exception_from_the_write()
    {
        var recorder = new CallRecorder(new FailingStream(failAfterBytes: 10000), AudioFormat.Narrowband);
        var frame = new short[160];
        var error = Assert.Throws<IOException>(() =>
        {
            for (int f = 0; f < 100; f++)
            {
                recorder.WriteFrame(frame, frame);
            }
        });
        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
    }

    private static ReadOnlySpan<short> Slice(short[] leg, int frame)
    {
        var result = new short[160];
        int start = frame * 160;
        if (start < leg.Length)
        {
            leg.AsSpan(start, Math.Min(160, leg.Length - start)).CopyTo(result);
        }

        return result;
    }

    private static short[] ReadAll(string path)
    {
        using var reader = WavReader.Open(path);
        var all = new short[reader.DeclaredFrames!.Value];
        Assert.Equal(all.Length, reader.Read(all));
        return all;
    }

    private sealed class NonClosingStream(MemoryStream inner) : MemoryStream
    {
        public override bool CanSeek => true;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override long Length => inner.Length;

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        public override long Seek(long offset, SeekOrigin loc) => inner.Seek(offset, loc);

        public override void Flush() => inner.Flush();
    }

    private sealed class FailingStream(int failAfterBytes) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > failAfterBytes)
            {
                throw new IOException("disk full");
            }

            base.Write(buffer, offset, count);
        }
    }
}
