using System.Buffers;
using System.Buffers.Binary;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Media.Wav;

/// <summary>
/// Writes a RIFF/WAVE file incrementally (PCM16, A-law or mu-law). The header's sizes are rewritten on every
/// <see cref="Flush"/> and on dispose, so a file whose writer died still plays up to the last flush.
/// On a non-seekable stream the sizes are written as 0xFFFFFFFF ("unknown"), which <see cref="WavReader"/>
/// and most players read to the end of the stream.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private const int BufferBytes = 8192;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private readonly int _headerBytes;
    private readonly long _startPosition;
    private long _dataBytes;
    private bool _disposed;

    /// <summary>Creates (or truncates) a WAV file.</summary>
    public static WavWriter Create(string path, AudioFormat format, WavEncoding encoding = WavEncoding.Pcm16) =>
        new(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 4096), format, encoding, leaveOpen: false);

    /// <summary>Starts a WAV file on <paramref name="stream"/> at its current position.</summary>
    /// <param name="stream">Where to write; seekable streams get exact sizes in the header.</param>
    /// <param name="format">Sample rate and channel count.</param>
    /// <param name="encoding">How samples are stored.</param>
    /// <param name="leaveOpen">When false, disposing the writer disposes the stream.</param>
    public WavWriter(Stream stream, AudioFormat format, WavEncoding encoding = WavEncoding.Pcm16, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The WAV stream must be writable.", nameof(stream));
        }

        if (format.SampleRate <= 0 || format.Channels is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "A WAV file needs a positive sample rate and 1 to 8 channels.");
        }

        if (!Enum.IsDefined(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown WAV encoding.");
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        Encoding = encoding;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        _headerBytes = encoding == WavEncoding.Pcm16 ? 44 : 58;
        _startPosition = stream.CanSeek ? stream.Position : 0;
        Span<byte> header = stackalloc byte[58];
        BuildHeader(header[.._headerBytes]);
        _stream.Write(header[.._headerBytes]);
    }

    /// <summary>Sample rate and channel count being written.</summary>
    public AudioFormat Format { get; }

    /// <summary>How samples are stored.</summary>
    public WavEncoding Encoding { get; }

    /// <summary>Sample frames (per channel) written so far.</summary>
    public long FramesWritten => _dataBytes / BytesPerFrame;

    private int BytesPerFrame => Format.Channels * (Encoding == WavEncoding.Pcm16 ? 2 : 1);

    /// <summary>Appends interleaved samples; the count must be a whole number of frames.</summary>
    /// <exception cref="IOException">The file would exceed the 4 GiB RIFF limit, or the stream failed.</exception>
    public void Write(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (samples.Length % Format.Channels != 0)
        {
            throw new ArgumentException($"{samples.Length} samples is not a whole number of {Format.Channels}-channel frames.", nameof(samples));
        }

        int bytesPerSample = Encoding == WavEncoding.Pcm16 ? 2 : 1;
        if (_dataBytes + ((long)samples.Length * bytesPerSample) > uint.MaxValue - _headerBytes)
        {
            throw new IOException("The WAV file would exceed the 4 GiB limit of a RIFF size field.");
        }

        int perChunk = BufferBytes / bytesPerSample;
        while (!samples.IsEmpty)
        {
            var part = samples[..Math.Min(perChunk, samples.Length)];
            var bytes = _buffer.AsSpan(0, part.Length * bytesPerSample);
            switch (Encoding)
            {
                case WavEncoding.Pcm16:
                    for (int i = 0; i < part.Length; i++)
                    {
                        BinaryPrimitives.WriteInt16LittleEndian(bytes.Slice(i * 2, 2), part[i]);
                    }

                    break;
                case WavEncoding.MuLaw:
                    MuLaw.Encode(part, bytes);
                    break;
                default:
                    ALaw.Encode(part, bytes);
                    break;
            }

            _stream.Write(bytes);
            _dataBytes += bytes.Length;
            samples = samples[part.Length..];
        }
    }

    /// <summary>
    /// Rewrites the header sizes to cover everything written so far and flushes the stream (to disk when
    /// <paramref name="toDisk"/> is true and the stream is a file), so the file is playable as it stands.
    /// </summary>
    public void Flush(bool toDisk = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        UpdateHeader();
        if (toDisk && _stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            _stream.Flush();
        }
    }

    /// <summary>Finalises the header and closes the stream unless it was left open. Write errors surface here.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            UpdateHeader();
            _stream.Flush();
        }
        finally
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void UpdateHeader()
    {
        if (!_stream.CanSeek)
        {
            return;
        }

        long end = _stream.Position;
        Span<byte> header = stackalloc byte[58];
        BuildHeader(header[.._headerBytes]);
        _stream.Position = _startPosition;
        _stream.Write(header[.._headerBytes]);
        _stream.Position = end;
    }

    private void BuildHeader(Span<byte> header)
    {
        bool known = _stream.CanSeek;
        uint data = known ? (uint)_dataBytes : uint.MaxValue;
        uint pad = (uint)(_dataBytes & 1);
        uint riff = known ? (uint)(_headerBytes - 8 + _dataBytes + pad) : uint.MaxValue;
        int bits = Encoding == WavEncoding.Pcm16 ? 16 : 8;
        int blockAlign = Format.Channels * bits / 8;

        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], riff);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        int fmtSize = Encoding == WavEncoding.Pcm16 ? 16 : 18;
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], (ushort)Encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)Format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)Format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(Format.SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)bits);
        int at = 36;
        if (Encoding != WavEncoding.Pcm16)
        {
            // Non-PCM formats carry cbSize and a fact chunk with the per-channel sample count.
            BinaryPrimitives.WriteUInt16LittleEndian(header[36..], 0);
            "fact"u8.CopyTo(header[38..]);
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(header[46..], known ? (uint)(_dataBytes / blockAlign) : uint.MaxValue);
            at = 50;
        }

        "data"u8.CopyTo(header[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(at + 4)..], data);
    }
}
