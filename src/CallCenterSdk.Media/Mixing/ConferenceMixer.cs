using System.Numerics;
using System.Runtime.InteropServices;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Media.Mixing;

/// <summary>
/// A conference bridge in the pjmedia style: a passive object that, on each tick of one clock
/// (<see cref="MixFrame"/>, every 20 ms), pulls a frame from every participant's source and pushes to each sink
/// the sum of all <em>other</em> participants, saturated to 16 bits. The total is summed once and each
/// participant's own voice subtracted, so a frame costs O(N) in the number of participants, not O(N²).
/// Participants may be added and removed from any thread; the mix itself runs on the clock's thread, and sinks
/// are called outside the lock.
/// </summary>
public sealed class ConferenceMixer
{
    private readonly Lock _gate = new();
    private readonly int[] _total;
    private ConferenceParticipant[] _participants = [];

    /// <summary>Creates a mixer for mono frames of <paramref name="format"/>.</summary>
    public ConferenceMixer(AudioFormat format)
    {
        if (format.Channels != 1)
        {
            throw new ArgumentException("The conference mixer mixes mono legs.", nameof(format));
        }

        Format = format;
        _total = new int[format.SamplesPerFrame];
    }

    /// <summary>The format every participant's source and sink must have.</summary>
    public AudioFormat Format { get; }

    /// <summary>The current participants (a snapshot).</summary>
    public IReadOnlyList<ConferenceParticipant> Participants => Volatile.Read(ref _participants);

    /// <summary>Adds a participant; either side may be null (listen-only or speak-only).</summary>
    /// <exception cref="ArgumentException">The source or sink has a different format.</exception>
    public ConferenceParticipant Add(string name, IAudioSource? source, IAudioSink? sink)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (source is not null && source.Format != Format)
        {
            throw new ArgumentException($"Participant '{name}' speaks {source.Format} but the conference runs at {Format}.", nameof(source));
        }

        if (sink is not null && sink.Format != Format)
        {
            throw new ArgumentException($"Participant '{name}' hears {sink.Format} but the conference runs at {Format}.", nameof(sink));
        }

        var participant = new ConferenceParticipant(name, source, sink, Format.SamplesPerFrame);
        lock (_gate)
        {
            _participants = [.. _participants, participant];
        }

        return participant;
    }

    /// <summary>Removes a participant; returns false when it was not in the conference.</summary>
    public bool Remove(ConferenceParticipant participant)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_participants, participant);
            if (index < 0)
            {
                return false;
            }

            _participants = [.. _participants.Where((_, i) => i != index)];
            return true;
        }
    }

    /// <summary>One clock tick: read every source, mix, write every sink. Allocation-free.</summary>
    public void MixFrame()
    {
        var participants = Volatile.Read(ref _participants);
        Span<int> total = _total;
        total.Clear();
        foreach (var p in participants)
        {
            p.Spoke = false;
            if (p.Source is null)
            {
                continue;
            }

            int n = p.Source.ReadFrame(p.Input);
            p.Input.AsSpan(n).Clear();
            if (p.CanSpeak && n > 0)
            {
                p.Spoke = true;
                Accumulate(total, p.Input);
            }
        }

        foreach (var p in participants)
        {
            if (p.Sink is null || !p.CanHear)
            {
                continue;
            }

            MixMinusOwn(total, p.Spoke ? p.Input : default, p.Output);
            p.Sink.WriteFrame(p.Output);
        }
    }

    /// <summary>
    /// The core on plain spans: <paramref name="inputs"/> holds <paramref name="participants"/> frames back to
    /// back; each frame of <paramref name="outputs"/> receives the saturated sum of all the others.
    /// <paramref name="total"/> is scratch of one frame.
    /// </summary>
    public static void MixMinusOne(ReadOnlySpan<short> inputs, Span<short> outputs, int participants, Span<int> total)
    {
        if (participants <= 0 || inputs.Length % participants != 0 || outputs.Length < inputs.Length)
        {
            throw new ArgumentException($"{inputs.Length} input samples do not split into {participants} frames, or the output holds fewer.", nameof(inputs));
        }

        int frame = inputs.Length / participants;
        if (total.Length < frame)
        {
            throw new ArgumentException($"The scratch total holds {total.Length} samples but a frame has {frame}.", nameof(total));
        }

        total = total[..frame];
        total.Clear();
        for (int p = 0; p < participants; p++)
        {
            Accumulate(total, inputs.Slice(p * frame, frame));
        }

        for (int p = 0; p < participants; p++)
        {
            MixMinusOwn(total, inputs.Slice(p * frame, frame), outputs.Slice(p * frame, frame));
        }
    }

    private static void Accumulate(Span<int> total, ReadOnlySpan<short> frame)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && frame.Length >= Vector<short>.Count)
        {
            var frames = MemoryMarshal.Cast<short, Vector<short>>(frame);
            var totals = MemoryMarshal.Cast<int, Vector<int>>(total);
            for (int v = 0; v < frames.Length; v++)
            {
                Vector.Widen(frames[v], out var low, out var high);
                totals[2 * v] += low;
                totals[(2 * v) + 1] += high;
            }

            i = frames.Length * Vector<short>.Count;
        }

        for (; i < frame.Length; i++)
        {
            total[i] += frame[i];
        }
    }

    private static void MixMinusOwn(ReadOnlySpan<int> total, ReadOnlySpan<short> own, Span<short> output)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && output.Length >= Vector<short>.Count && own.Length == output.Length)
        {
            var totals = MemoryMarshal.Cast<int, Vector<int>>(total);
            var owns = MemoryMarshal.Cast<short, Vector<short>>(own);
            var outs = MemoryMarshal.Cast<short, Vector<short>>(output);
            var max = new Vector<int>(short.MaxValue);
            var min = new Vector<int>(short.MinValue);
            for (int v = 0; v < outs.Length; v++)
            {
                Vector.Widen(owns[v], out var low, out var high);
                var a = Vector.Min(Vector.Max(totals[2 * v] - low, min), max);
                var b = Vector.Min(Vector.Max(totals[(2 * v) + 1] - high, min), max);
                outs[v] = Vector.Narrow(a, b);
            }

            i = outs.Length * Vector<short>.Count;
        }

        for (; i < output.Length; i++)
        {
            int value = total[i] - (own.IsEmpty ? 0 : own[i]);
            output[i] = (short)(value > short.MaxValue ? short.MaxValue : value < short.MinValue ? short.MinValue : value);
        }
    }
}
