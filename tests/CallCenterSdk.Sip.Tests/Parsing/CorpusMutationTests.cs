using System.Buffers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>
/// Truncations, byte flips and splices of every corpus message: the parser either accepts (and then every typed
/// accessor, serialization and re-parse work) or throws <see cref="SipParseException"/>; nothing else escapes,
/// nothing hangs.
/// </summary>
public class CorpusMutationTests
{
    private static readonly byte[][] Files = [.. SipCorpus.AllMessageFiles().Select(SipCorpus.Read)];

    /// <summary>Runs one input through datagram and stream parsing, typed access and serialization.</summary>
    private static bool Exercise(byte[] input)
    {
        var accepted = false;
        try
        {
            var m = SipMessageParser.ParseDatagram(input.AsMemory());
            accepted = true;
            Touch(m, reparse: true);
        }
        catch (SipParseException e)
        {
            Assert.InRange(e.Offset, -1, input.Length);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            if (e.PartialMessage is { } partial)
            {
                Touch(partial, reparse: false);
            }
        }

        try
        {
            var seq = new ReadOnlySequence<byte>(input);
            while (SipMessageParser.TryParseStream(seq, out var m, out var consumed, out _))
            {
                Touch(m!, reparse: true);
                seq = seq.Slice(consumed);
            }
        }
        catch (SipParseException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        }

        return accepted;
    }

    private static void Touch(SipMessage m, bool reparse)
    {
        try
        {
            m.Validate();
        }
        catch (SipParseException)
        {
            // A malformed known header: the only allowed failure. Serialization must still work below.
        }

        _ = m.CallId;
        _ = m.CSeq;
        _ = m.FromTag;
        _ = m.ToTag;
        foreach (var h in m.Headers)
        {
            _ = h.Value;
            _ = h.CanonicalName;
        }

        var bytes = m.ToArray();
        if (reparse)
        {
            // Canonical output of an accepted message parses back to the same message.
            var again = SipMessageParser.ParseDatagram(bytes.AsMemory());
            MessageAssert.SemanticallyEqual(m, again);
        }
    }

    private static void WithinTimeLimit(Action action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "the parser did not finish: a hang");
        task.GetAwaiter().GetResult();
    }

    [Fact]
    public void Every_truncation_of_every_corpus_message_parses_or_fails_with_SipParseException()
    {
        WithinTimeLimit(() =>
        {
            var rejected = 0;
            foreach (var file in Files)
            {
                for (var length = 0; length < file.Length; length++)
                {
                    if (!Exercise(file[..length]))
                    {
                        rejected++;
                    }
                }
            }

            Assert.True(rejected > 0);
        });
    }

    [Property(MaxTest = 1500)]
    public Property Byte_flips_never_raise_anything_but_SipParseException()
    {
        var gen =
            from file in Gen.Choose(0, Files.Length - 1)
            from flips in Gen.NonEmptyListOf(Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, 255)))
            select (file, flips);
        return Prop.ForAll(gen.ToArbitrary(), input => WithinTimeLimit(() =>
        {
            var bytes = (byte[])Files[input.file].Clone();
            foreach (var (position, value) in input.flips.Take(8))
            {
                bytes[position % bytes.Length] = (byte)value;
            }

            Exercise(bytes);
        }));
    }

    [Property(MaxTest = 800)]
    public Property Splices_of_two_corpus_messages_never_raise_anything_but_SipParseException()
    {
        var gen =
            from a in Gen.Choose(0, Files.Length - 1)
            from b in Gen.Choose(0, Files.Length - 1)
            from cutA in Gen.Choose(0, int.MaxValue)
            from cutB in Gen.Choose(0, int.MaxValue)
            select (a, b, cutA, cutB);
        return Prop.ForAll(gen.ToArbitrary(), s => WithinTimeLimit(() =>
        {
            var x = Files[s.a];
            var y = Files[s.b];
            var left = x[..(s.cutA % (x.Length + 1))];
            var right = y[(s.cutB % (y.Length + 1))..];
            Exercise([.. left, .. right]);
        }));
    }

    [Property(MaxTest = 500)]
    public Property Random_bytes_from_the_sip_alphabet_never_raise_anything_but_SipParseException()
    {
        var gen = Gen.ArrayOf(Gen.Elements<byte>([.. "INVITE sip:a@b SIP/2.0\r\nVia:;,<>\"\\%@=/ \t"u8.ToArray(), 0, 0xC3, 0xFF]));
        return Prop.ForAll(gen.ToArbitrary(), bytes => WithinTimeLimit(() => Exercise(bytes)));
    }
}
