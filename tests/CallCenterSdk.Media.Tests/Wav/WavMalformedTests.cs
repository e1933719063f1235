using System.Buffers.Binary;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Wav;
using FsCheck.Xunit;

namespace CallCenterSdk.Media.Tests.Wav;

public class WavMalformedTests
{
    [Theory]
    [InlineData("RIFX", 0, "does not start with RIFF")]
    [InlineData("RF64", 0, "RF64")]
    public void Foreign_containers_are_rejected_at_offset_0(string magic, long offset, string reason)
    {
        var bytes = ValidFile();
        System.Text.Encoding.ASCII.GetBytes(magic).CopyTo(bytes, 0);
        var error = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(bytes)));
        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_samples_are_rejected_naming_the_format_tag()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), 3);
        var error = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(bytes)));
        Assert.Contains("0x0003", error.Message, StringComparison.Ordinal);
        Assert.Equal(20, error.Offset);
    }

    [Fact]
    public void Eight_bit_pcm_is_rejected_with_its_bit_depth()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 8);
        var error = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(bytes)));
        Assert.Contains("8-bit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_block_align_is_rejected()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 3);
        Assert.Contains("Block align", Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(bytes))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_before_fmt_is_rejected()
    {
        var bytes = ValidFile();
        "data"u8.CopyTo(bytes.AsSpan(12));
        var error = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(bytes)));
        Assert.Contains("before the fmt chunk", error.Message, StringComparison.Ordinal);
        Assert.Equal(12, error.Offset);
    }

    [Property(MaxTest = 300)]
    public void Truncated_or_random_headers_only_ever_raise_WavFormatException(byte[] garbage, byte cut)
    {
        var valid = ValidFile();
        var truncated = valid[..Math.Min(valid.Length, cut % 60)];
        foreach (var bytes in new[] { garbage, truncated, [.. "RIFF\0\0\0\0WAVE"u8.ToArray(), .. garbage] })
        {
            try
            {
                using var reader = new WavReader(new MemoryStream(bytes));
                reader.Read(new short[64]);
            }
            catch (WavFormatException)
            {
            }
        }
    }

    private static byte[] ValidFile()
    {
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, AudioFormat.Narrowband, leaveOpen: true))
        {
            writer.Write(new short[16]);
        }

        return stream.ToArray();
    }
}
