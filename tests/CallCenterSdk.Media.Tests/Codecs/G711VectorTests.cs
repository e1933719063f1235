using System.Runtime.Intrinsics;
using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>
/// The vectorized G.711 path against the quantizer and expander rules (which G711TableTests check against the
/// recommendation's tables): every 16-bit input, every code, and span lengths that leave a tail for the tables.
/// </summary>
public class G711VectorTests
{
    private static readonly short[] AllInputs = [.. Enumerable.Range(short.MinValue, 65536).Select(x => (short)x)];

    // Every code, eight times over in a different order each time, so each lane position sees every code.
    private static readonly byte[] AllCodes = [.. Enumerable.Range(0, 2048).Select(i => (byte)((i * 37) + (i / 256)))];

    [Fact]
    public void The_vector_path_runs_in_hardware_here()
    {
        // Otherwise the tests below would only exercise the tables: CI and production machines have AVX2.
        Assert.True(G711Vector.IsAccelerated, $"Vector256 is not hardware accelerated on this machine (Vector256.IsHardwareAccelerated = {Vector256.IsHardwareAccelerated})");
    }

    [Fact]
    public void MuLaw_vector_encoder_matches_the_rule_for_all_65536_inputs()
    {
        var codes = new byte[AllInputs.Length];
        Assert.Equal(AllInputs.Length, G711Vector.MuLawEncode(AllInputs, codes));
        for (int i = 0; i < AllInputs.Length; i++)
        {
            Assert.True(MuLaw.EncodeByRule(AllInputs[i]) == codes[i], $"mu-law code for {AllInputs[i]}: rule 0x{MuLaw.EncodeByRule(AllInputs[i]):X2}, vector 0x{codes[i]:X2}");
        }
    }

    [Fact]
    public void ALaw_vector_encoder_matches_the_rule_for_all_65536_inputs()
    {
        var codes = new byte[AllInputs.Length];
        Assert.Equal(AllInputs.Length, G711Vector.ALawEncode(AllInputs, codes));
        for (int i = 0; i < AllInputs.Length; i++)
        {
            Assert.True(ALaw.EncodeByRule(AllInputs[i]) == codes[i], $"A-law code for {AllInputs[i]}: rule 0x{ALaw.EncodeByRule(AllInputs[i]):X2}, vector 0x{codes[i]:X2}");
        }
    }

    [Fact]
    public void Vector_decoders_match_the_rules_for_every_code_in_every_lane()
    {
        Assert.Equal(256, AllCodes.Distinct().Count());
        var mu = new short[AllCodes.Length];
        var a = new short[AllCodes.Length];
        Assert.Equal(AllCodes.Length, G711Vector.MuLawDecode(AllCodes, mu));
        Assert.Equal(AllCodes.Length, G711Vector.ALawDecode(AllCodes, a));
        for (int i = 0; i < AllCodes.Length; i++)
        {
            Assert.True(MuLaw.DecodeByRule(AllCodes[i]) == mu[i], $"mu-law 0x{AllCodes[i]:X2}: rule {MuLaw.DecodeByRule(AllCodes[i])}, vector {mu[i]}");
            Assert.True(ALaw.DecodeByRule(AllCodes[i]) == a[i], $"A-law 0x{AllCodes[i]:X2}: rule {ALaw.DecodeByRule(AllCodes[i])}, vector {a[i]}");
        }
    }

    [Fact]
    public void Vector_methods_do_whole_blocks_only_and_spans_of_any_length_come_out_complete()
    {
        Assert.Equal(0, G711Vector.MuLawEncode(AllInputs.AsSpan(0, 31), new byte[31]));
        Assert.Equal(64, G711Vector.ALawDecode(AllCodes.AsSpan(0, 95), new short[95]));
        var random = new Random(711);
        foreach (int length in (int[])[0, 1, 31, 32, 33, 80, 159, 160, 161, 320, 479])
        {
            var pcm = new short[length];
            for (int i = 0; i < length; i++)
            {
                pcm[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
            }

            var mu = new byte[length];
            var a = new byte[length];
            MuLaw.Encode(pcm, mu);
            ALaw.Encode(pcm, a);
            var muBack = new short[length];
            var aBack = new short[length];
            MuLaw.Decode(mu, muBack);
            ALaw.Decode(a, aBack);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(MuLaw.EncodeByRule(pcm[i]), mu[i]);
                Assert.Equal(ALaw.EncodeByRule(pcm[i]), a[i]);
                Assert.Equal(MuLaw.DecodeByRule(mu[i]), muBack[i]);
                Assert.Equal(ALaw.DecodeByRule(a[i]), aBack[i]);
            }
        }
    }
}
