using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>
/// G.711 against an oracle written from the recommendation's tables: segment end points, interval sizes and
/// decoder outputs (Table 1a for A-law, Table 2a for mu-law), looked up piecewise rather than computed by the
/// bias-and-shift trick the implementation uses. 16-bit input is reduced to 13/14 bits as ITU-T G.191 does.
/// </summary>
public class G711TableTests
{
    // Table 2a: mu-law segment end points in 14-bit magnitude units, and the interval size inside each.
    private static readonly int[] MuSegmentStart = [0, 31, 95, 223, 479, 991, 2015, 4063, 8159];
    private static readonly int[] MuStep = [2, 4, 8, 16, 32, 64, 128, 256];

    // Table 1a: A-law segment end points in 13-bit magnitude units (sign apart), and interval sizes.
    private static readonly int[] ASegmentStart = [0, 32, 64, 128, 256, 512, 1024, 2048, 4096];
    private static readonly int[] AStep = [2, 2, 4, 8, 16, 32, 64, 128];

    [Fact]
    public void MuLaw_encodes_all_65536_inputs_as_table_2a_says()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            Assert.True(MuOracleEncode(x) == MuLaw.Encode((short)x), $"mu-law code for {x}: table 0x{MuOracleEncode(x):X2}, codec 0x{MuLaw.Encode((short)x):X2}");
        }
    }

    [Fact]
    public void ALaw_encodes_all_65536_inputs_as_table_1a_says()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            Assert.True(AOracleEncode(x) == ALaw.Encode((short)x), $"A-law code for {x}: table 0x{AOracleEncode(x):X2}, codec 0x{ALaw.Encode((short)x):X2}");
        }
    }

    [Fact]
    public void MuLaw_decodes_all_256_codes_to_the_table_outputs()
    {
        for (int code = 0; code < 256; code++)
        {
            Assert.Equal(MuOracleDecode(code), MuLaw.Decode((byte)code));
        }
    }

    [Fact]
    public void ALaw_decodes_all_256_codes_to_the_table_outputs()
    {
        for (int code = 0; code < 256; code++)
        {
            Assert.Equal(AOracleDecode(code), ALaw.Decode((byte)code));
        }
    }

    [Fact]
    public void Span_encoders_and_decoders_agree_with_the_per_sample_functions_for_every_input()
    {
        var all = new short[65536];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (short)(i - 32768);
        }

        var mu = new byte[all.Length];
        var a = new byte[all.Length];
        using var muEncoder = new MuLawEncoder();
        using var aEncoder = new ALawEncoder();
        Assert.Equal(all.Length, muEncoder.Encode(all, mu));
        Assert.Equal(all.Length, aEncoder.Encode(all, a));
        var muBack = new short[all.Length];
        var aBack = new short[all.Length];
        using var muDecoder = new MuLawDecoder();
        using var aDecoder = new ALawDecoder();
        Assert.Equal(all.Length, muDecoder.Decode(mu, muBack));
        Assert.Equal(all.Length, aDecoder.Decode(a, aBack));
        for (int i = 0; i < all.Length; i++)
        {
            Assert.Equal(MuLaw.Encode(all[i]), mu[i]);
            Assert.Equal(ALaw.Encode(all[i]), a[i]);
            Assert.Equal(MuLaw.Decode(mu[i]), muBack[i]);
            Assert.Equal(ALaw.Decode(a[i]), aBack[i]);
        }
    }

    [Fact]
    public void Decoding_then_encoding_reproduces_every_code_except_negative_zero()
    {
        for (int code = 0; code < 256; code++)
        {
            // mu-law 0x7F is "negative zero": it decodes to 0, which encodes as positive zero 0xFF.
            byte expected = code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.Equal(expected, MuLaw.Encode(MuLaw.Decode((byte)code)));
            Assert.Equal((byte)code, ALaw.Encode(ALaw.Decode((byte)code)));
        }
    }

    [Fact]
    public void Too_small_destination_is_rejected_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => MuLaw.Encode(new short[160], new byte[159]));
        Assert.Contains("159", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ALaw.Decode(new byte[160], new short[10]));
    }

    private static int MuOracleEncode(int x)
    {
        bool positive = x >= 0;
        int magnitude = positive ? x >> 2 : (~x) >> 2;
        int segment = 7, interval = 15;
        if (magnitude < MuSegmentStart[8])
        {
            segment = 0;
            while (magnitude >= MuSegmentStart[segment + 1])
            {
                segment++;
            }

            interval = segment == 0
                ? (magnitude == 0 ? 0 : ((magnitude - 1) / 2) + 1) // first interval is 1 wide, then 2
                : (magnitude - MuSegmentStart[segment]) / MuStep[segment];
        }

        int sevenBits = (segment << 4) | interval;
        return (positive ? 0x80 : 0) | (~sevenBits & 0x7F);
    }

    private static short MuOracleDecode(int code)
    {
        int sevenBits = ~code & 0x7F;
        int segment = sevenBits >> 4;
        int interval = sevenBits & 0x0F;
        int output = segment == 0
            ? interval * 2
            : MuSegmentStart[segment] + (MuStep[segment] * interval) + (MuStep[segment] / 2);
        return (short)(((code & 0x80) != 0 ? output : -output) * 4);
    }

    private static int AOracleEncode(int x)
    {
        bool positive = x >= 0;
        int magnitude = positive ? x >> 3 : (~x) >> 3;
        int segment = 7, interval = 15;
        if (magnitude < ASegmentStart[8])
        {
            segment = 0;
            while (magnitude >= ASegmentStart[segment + 1])
            {
                segment++;
            }

            interval = (magnitude - ASegmentStart[segment]) / AStep[segment];
        }

        return ((positive ? 0x80 : 0) | (segment << 4) | interval) ^ 0x55;
    }

    private static short AOracleDecode(int code)
    {
        int value = code ^ 0x55;
        int segment = (value >> 4) & 7;
        int interval = value & 0x0F;
        int output = ASegmentStart[segment] + (AStep[segment] * interval) + (AStep[segment] / 2);
        return (short)(((value & 0x80) != 0 ? output : -output) * 8);
    }
}
