using System.Buffers;
using System.Buffers.Binary;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Wav;

/// <summary>
/// Streams samples out of a RIFF/WAVE file (PCM16, A-law or mu-law, plain or WAVE_FORMAT_EXTENSIBLE) without
/// loading it: only the header is parsed up front, then <see cref="Read"/> converts blocks to 16-bit PCM.
/// A data chunk whose declared size runs past the end of the file (a recording cut off by a crash) or is
/// 0/0xFFFFFFFF (a streaming writer that never finalised it) is read up to the last whole sample frame.
/// </summary>
public sealed class WavReader : IDisposable
{
    private const int BufferBytes = 8192;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private long _remainingBytes;
    private long _position;
    private bool _disposed;

    /// <summary>Opens a WAV file for reading.</summary>
    /// <exception cref="WavFormatException">The header is malformed or unsupported.</exception>
    public static WavReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096), leaveOpen: false);

    /// <summary>Parses the header of a WAV stream positioned at its start.</summary>
    /// <param name="stream">The stream; it need not be seekable.</param>
    /// <param name="leaveOpen">When false, disposing the reader disposes the stream.</param>
    /// <exception cref="WavFormatException">The header is malformed or unsupported.</exception>
    public WavReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            ParseHeader();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Sample rate and channel count of the file.</summary>
    public AudioFormat Format { get; private set; }

    /// <summary>How the samples are stored.</summary>
    public WavEncoding Encoding { get; private set; }

    /// <summary>Bytes per sample frame (all channels).</summary>
    public int BlockAlign { get; private set; }

    /// <summary>
    /// Sample frames (per channel) the header declares, or null when the size is unknown (0 or 0xFFFFFFFF)
    /// or exceeds what the file holds.
    /// </summary>
    public long? DeclaredFrames { get; private set; }

    /// <summary>
    /// Reads up to <paramref name="samples"/>.Length interleaved samples (rounded down to whole frames) and
    /// returns how many were read; 0 at the end of the data.
    /// </summary>
    public int Read(Span<short> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int bytesPerSample = Encoding == WavEncoding.Pcm16 ? 2 : 1;
        int channels = Format.Channels;
        int wantedFrames = samples.Length / channels;
        int total = 0;
        while (wantedFrames > 0 && _remainingBytes > 0)
        {
            int frameBytes = BlockAlign;
            long chunk = Math.Min(Math.Min((long)wantedFrames * frameBytes, _remainingBytes), BufferBytes / frameBytes * frameBytes);
            int got = ReadFully(_buffer.AsSpan(0, (int)chunk));
            int frames = got / frameBytes;
            if (frames == 0)
            {
                // End of file inside a frame: the tail of a crashed recording. Stop cleanly.
                _remainingBytes = 0;
                break;
            }

            var bytes = _buffer.AsSpan(0, frames * frameBytes);
            var destination = samples.Slice(total, frames * channels);
            Convert(bytes, destination, bytesPerSample);
            total += frames * channels;
            wantedFrames -= frames;
            _remainingBytes -= got;
            if (got < chunk)
            {
                _remainingBytes = 0;
            }
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void Convert(ReadOnlySpan<byte> bytes, Span<short> destination, int bytesPerSample)
    {
        switch (Encoding)
        {
            case WavEncoding.Pcm16:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(i * bytesPerSample, 2));
                }

                break;
            case WavEncoding.MuLaw:
                MuLaw.Decode(bytes, destination);
                break;
            default:
                ALaw.Decode(bytes, destination);
                break;
        }
    }

    private void ParseHeader()
    {
        Span<byte> header = stackalloc byte[12];
        if (ReadFully(header) < 12)
        {
            throw new WavFormatException("The file is shorter than a RIFF header", _position);
        }

        if (!header[..4].SequenceEqual("RIFF"u8))
        {
            throw new WavFormatException(header[..4].SequenceEqual("RF64"u8) ? "RF64 files are not supported" : "The file does not start with RIFF", 0);
        }

        if (!header.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("The RIFF form type is not WAVE", 8);
        }

        bool haveFormat = false;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            long chunkOffset = _position;
            int got = ReadFully(chunkHeader);
            if (got < 8)
            {
                throw new WavFormatException(haveFormat ? "The file ends before the data chunk" : "The file ends before the fmt chunk", chunkOffset);
            }

            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (chunkHeader[..4].SequenceEqual("fmt "u8))
            {
                ParseFormat(size, chunkOffset);
                haveFormat = true;
            }
            else if (chunkHeader[..4].SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    throw new WavFormatException("The data chunk comes before the fmt chunk", chunkOffset);
                }

                long available = _stream.CanSeek ? _stream.Length - _position : long.MaxValue;
                // 0 with bytes after it is a streaming writer that never came back to fill the size in.
                bool unknown = size == uint.MaxValue || (size == 0 && available > 0);
                if (unknown || size > available)
                {
                    _remainingBytes = available;
                    DeclaredFrames = null;
                }
                else
                {
                    _remainingBytes = size;
                    DeclaredFrames = size / BlockAlign;
                }

                return;
            }
            else
            {
                // Unknown chunks (LIST, fact, cue, ...) are skipped; RIFF pads chunks to even sizes.
                Skip(size + (size & 1), chunkOffset);
            }
        }
    }

    private void ParseFormat(uint size, long offset)
    {
        if (size < 16 || size > 1024)
        {
            throw new WavFormatException($"The fmt chunk has an impossible size of {size} bytes", offset + 4);
        }

        Span<byte> fmt = stackalloc byte[(int)size + (int)(size & 1)];
        if (ReadFully(fmt) < fmt.Length)
        {
            throw new WavFormatException("The file ends inside the fmt chunk", offset + 8);
        }

        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == 0xFFFE)
        {
            // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID.
            if (size < 40)
            {
                throw new WavFormatException("A WAVE_FORMAT_EXTENSIBLE fmt chunk must be 40 bytes", offset + 4);
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        Encoding = tag switch
        {
            1 when bits == 16 => WavEncoding.Pcm16,
            1 => throw new WavFormatException($"Only 16-bit PCM is supported, not {bits}-bit", offset + 22),
            6 when bits == 8 => WavEncoding.ALaw,
            7 when bits == 8 => WavEncoding.MuLaw,
            6 or 7 => throw new WavFormatException($"G.711 WAV data must be 8 bits per sample, not {bits}", offset + 22),
            _ => throw new WavFormatException($"Unsupported WAV format tag 0x{tag:X4} (PCM16, A-law and mu-law are supported)", offset + 8),
        };

        if (channels is < 1 or > 8)
        {
            throw new WavFormatException($"Unsupported channel count {channels}", offset + 10);
        }

        if (rate is < 1000 or > 384000)
        {
            throw new WavFormatException($"Unsupported sample rate {rate}", offset + 12);
        }

        int expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign)
        {
            throw new WavFormatException($"Block align {blockAlign} does not match {channels} channel(s) of {bits} bits", offset + 20);
        }

        BlockAlign = blockAlign;
        Format = new AudioFormat((int)rate, channels);
    }

    private void Skip(long bytes, long chunkOffset)
    {
        if (_stream.CanSeek)
        {
            if (_position + bytes > _stream.Length)
            {
                throw new WavFormatException("A chunk runs past the end of the file before the data chunk", chunkOffset);
            }

            _stream.Seek(bytes, SeekOrigin.Current);
            _position += bytes;
            return;
        }

        while (bytes > 0)
        {
            int got = ReadFully(_buffer.AsSpan(0, (int)Math.Min(bytes, BufferBytes)));
            if (got == 0)
            {
                throw new WavFormatException("A chunk runs past the end of the file before the data chunk", chunkOffset);
            }

            bytes -= got;
        }
    }

    private int ReadFully(Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int got = _stream.Read(destination[total..]);
            if (got == 0)
            {
                break;
            }

            total += got;
        }

        _position += total;
        return total;
    }
}
