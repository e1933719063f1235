using CallCenterSdk.Sip.Sdp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Sdp;

public class SdpParserRobustnessTests
{
    private static readonly byte[][] Files = [.. SdpCorpus.FileNames.Select(SdpCorpus.Read)];

    /// <summary>Parses; returns the description or the parse error. Any other exception fails the test.</summary>
    private static SessionDescription? ParseOrError(byte[] input)
    {
        try
        {
            return SessionDescription.Parse(input);
        }
        catch (SdpParseException e)
        {
            Assert.InRange(e.Offset, 0, input.Length);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            Assert.True(e.LineNumber >= 1);
            return null;
        }
    }

    [Fact]
    public void Every_truncation_of_every_corpus_file_parses_or_fails_with_SdpParseException()
    {
        var rejected = 0;
        foreach (var file in Files)
        {
            for (var length = 0; length < file.Length; length++)
            {
                var result = ParseOrError(file[..length]);
                if (result is null)
                {
                    rejected++;
                }
                else
                {
                    // Whatever parses must serialize and parse again.
                    SessionDescription.Parse(result.ToArray());
                }
            }
        }

        Assert.True(rejected > 0);
    }

    [Property(MaxTest = 2000)]
    public Property Byte_flips_never_raise_anything_but_SdpParseException()
    {
        var gen =
            from file in Gen.Choose(0, Files.Length - 1)
            from flips in Gen.NonEmptyListOf(Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, 255)))
            select (file, flips);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var bytes = (byte[])Files[input.file].Clone();
            foreach (var (position, value) in input.flips.Take(8))
            {
                bytes[position % bytes.Length] = (byte)value;
            }

            if (ParseOrError(bytes) is { } parsed)
            {
                SessionDescription.Parse(parsed.ToArray());
            }
        });
    }

    [Property(MaxTest = 1000)]
    public Property Splices_of_two_corpus_files_never_raise_anything_but_SdpParseException()
    {
        var gen =
            from a in Gen.Choose(0, Files.Length - 1)
            from b in Gen.Choose(0, Files.Length - 1)
            from cutA in Gen.Choose(0, int.MaxValue)
            from cutB in Gen.Choose(0, int.MaxValue)
            select (a, b, cutA, cutB);
        return Prop.ForAll(gen.ToArbitrary(), s =>
        {
            var first = Files[s.a];
            var second = Files[s.b];
            var spliced = first[..(s.cutA % (first.Length + 1))].Concat(second[(s.cutB % (second.Length + 1))..]).ToArray();
            ParseOrError(spliced);
        });
    }

    [Property(MaxTest = 500)]
    public Property Random_bytes_never_raise_anything_but_SdpParseException()
    {
        var gen = Gen.ArrayOf(Gen.Elements<byte>([.. "v=0o- 1IN P4.\r\n:/amtcsb"u8.ToArray(), 0, 0xC3, 0xFF]));
        return Prop.ForAll(gen.ToArbitrary(), bytes => { ParseOrError([.. "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n"u8.ToArray(), .. bytes]); });
    }
}
