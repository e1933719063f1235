using System.Buffers.Binary;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>
/// G.711 against sox (Debian package sox) converting the same WAV. sox first rounds each 16-bit sample to the
/// nearest 14-bit (mu-law) or 13-bit (A-law) value and then quantizes it; our codec truncates as ITU-T G.191
/// does. So the test feeds our quantizer the value sox rounded to and requires the identical byte for all
/// 65,536 inputs. Decoding needs no such step: all 256 codes must expand to exactly sox's samples.
/// </summary>
public class G711SoxTests
{
    [Fact]
    public void MuLaw_matches_sox_for_all_65536_inputs()
    {
        using var dir = new TempDirectory();
        var sox = ConvertAllInputs(dir, "u-law");
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            // sox: SOX_SAMPLE_TO_SIGNED(14): round to nearest, clip at the top.
            int r = Math.Min((x + 2) >> 2, 8191);
            // sox treats a negative 14-bit value as magnitude -r; G.191 reaches magnitude -r from 16-bit 4r-1.
            short equivalent = (short)Math.Max(r >= 0 ? r * 4 : (r * 4) - 1, short.MinValue);
            byte expected = sox[x + 32768];
            Assert.True(expected == MuLaw.Encode(equivalent), $"input {x} (14-bit {r}): sox 0x{expected:X2}, codec 0x{MuLaw.Encode(equivalent):X2}");
        }
    }

    [Fact]
    public void ALaw_matches_sox_for_all_65536_inputs()
    {
        using var dir = new TempDirectory();
        var sox = ConvertAllInputs(dir, "a-law");
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            int r = Math.Min((x + 4) >> 3, 4095);
            short equivalent = (short)(r * 8);
            byte expected = sox[x + 32768];
            Assert.True(expected == ALaw.Encode(equivalent), $"input {x} (13-bit {r}): sox 0x{expected:X2}, codec 0x{ALaw.Encode(equivalent):X2}");
        }
    }

    [Fact]
    public void Inputs_on_the_13_bit_grid_encode_exactly_as_sox_without_any_mapping()
    {
        using var dir = new TempDirectory();
        var sox = ConvertAllInputs(dir, "a-law");
        for (int x = short.MinValue; x <= short.MaxValue - 8; x += 8)
        {
            Assert.Equal(sox[x + 32768], ALaw.Encode((short)x));
        }
    }

    [Theory]
    [InlineData("u-law")]
    [InlineData("a-law")]
    public void All_256_codes_decode_exactly_as_sox_decodes_them(string encoding)
    {
        using var dir = new TempDirectory();
        var codes = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            codes[i] = (byte)i;
        }

        string input = dir.File("codes.wav");
        var wavEncoding = encoding == "u-law" ? WavEncoding.MuLaw : WavEncoding.ALaw;
        using (var writer = WavWriter.Create(input, AudioFormat.Narrowband, wavEncoding))
        {
            // Write the raw code bytes by encoding their own decoded values (G.711 round-trips every code but -0).
            var pcm = new short[256];
            for (int i = 0; i < 256; i++)
            {
                pcm[i] = encoding == "u-law" ? MuLaw.Decode((byte)i) : ALaw.Decode((byte)i);
            }

            writer.Write(pcm);
        }

        string output = dir.File("linear.wav");
        ExternalTool.Run("sox", "sox", "-D", input, "-e", "signed-integer", "-b", "16", output);
        var soxPcm = DataChunk(File.ReadAllBytes(output));
        var written = DataChunk(File.ReadAllBytes(input));
        Assert.Equal(256, written.Length);
        for (int i = 0; i < 256; i++)
        {
            short soxValue = BinaryPrimitives.ReadInt16LittleEndian(soxPcm.AsSpan(i * 2));
            short ours = encoding == "u-law" ? MuLaw.Decode(written[i]) : ALaw.Decode(written[i]);
            Assert.Equal(soxValue, ours);
        }
    }

    private static byte[] ConvertAllInputs(TempDirectory dir, string encoding)
    {
        var all = new short[65536];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (short)(i - 32768);
        }

        string input = dir.File("all.wav");
        using (var writer = WavWriter.Create(input, AudioFormat.Narrowband))
        {
            writer.Write(all);
        }

        string output = dir.File("companded.wav");
        // -D: no dither, which would otherwise add noise before quantizing.
        ExternalTool.Run("sox", "sox", "-D", input, "-e", encoding, output);
        var data = DataChunk(File.ReadAllBytes(output));
        Assert.Equal(65536, data.Length);
        return data;
    }

    private static byte[] DataChunk(byte[] file)
    {
        int offset = 12;
        while (offset + 8 <= file.Length)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 4));
            if (file.AsSpan(offset, 4).SequenceEqual("data"u8))
            {
                return file.AsSpan(offset + 8, Math.Min(size, file.Length - offset - 8)).ToArray();
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }
}
