using CallCenterSdk.Sip.Authentication;

namespace CallCenterSdk.Sip.Tests.Authentication;

/// <summary>The published digest examples of RFC 2617 and RFC 7616 (tests/.../Corpus/digest_vectors.tsv).</summary>
public class DigestVectorTests
{
    public static TheoryData<string> VectorIds()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows())
        {
            data.Add(row["id"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Response_matches_the_computed_vector(string id)
    {
        var row = Rows().Single(r => r["id"] == id);
        Assert.True(DigestAlgorithm.TryParse(row["algorithm"], out var algorithm));
        var ha1 = DigestComputation.Ha1(algorithm, row["username"], row["realm"], row["password"], row["nonce"], row["cnonce"]);
        Assert.Equal(row["computed_HA1"], ha1);
        var nc = Convert.ToUInt32(row["nc"], 16);
        var response = DigestComputation.Response(algorithm, ha1, row["method"], row["uri"], row["nonce"], row["qop"], nc, row["cnonce"]);
        Assert.Equal(row["computed_response"], response);
        if (row["userhash"] == "true")
        {
            Assert.Equal(row["computed_username_hash"], DigestComputation.UserHash(algorithm, row["username"], row["realm"]));
        }
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Published_response_is_reproduced_where_the_rfc_is_consistent(string id)
    {
        var row = Rows().Single(r => r["id"] == id);
        Assert.True(DigestAlgorithm.TryParse(row["algorithm"], out var algorithm));
        var ha1 = DigestComputation.Ha1(algorithm, row["username"], row["realm"], row["password"], row["nonce"], row["cnonce"]);
        var response = DigestComputation.Response(algorithm, ha1, row["method"], row["uri"], row["nonce"], row["qop"], Convert.ToUInt32(row["nc"], 16), row["cnonce"]);
        if (row["status"] == "match")
        {
            Assert.Equal(row["published_response"], response);
        }
        else
        {
            // RFC 7616 §3.9.2 printed SHA-512 truncated to 256 bits; we implement FIPS 180-4 SHA-512/256.
            Assert.NotEqual(row["published_response"], response);
            Assert.Equal(row["computed_response"], response);
        }
    }

    [Fact]
    public void Sha512_256_matches_the_fips_180_4_abc_example()
    {
        // FIPS 180-4 / NIST CSRC example for SHA-512/256("abc").
        Assert.Equal("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23", DigestAlgorithm.Sha512Trunc256.H("abc"));
        Assert.Equal("3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a", DigestAlgorithm.Sha512Trunc256.H(
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"));
    }

    private static List<Dictionary<string, string>> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Authentication", "Corpus", "digest_vectors.tsv"));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split('\t');
            return header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : string.Empty)).ToDictionary(x => x.h, x => x.v);
        }).ToList();
    }
}
