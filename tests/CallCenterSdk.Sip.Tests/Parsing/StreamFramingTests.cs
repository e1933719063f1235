using System.Buffers;
using System.Text;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>RFC 3261 §18.3 framing on stream transports, driven the way a PipeReader loop drives it.</summary>
public class StreamFramingTests
{
    private const string Options =
        "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h.example.com;branch=z9hG4bKx1\r\nFrom: <sip:b@example.com>;tag=1\r\n" +
        "To: <sip:a@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 5\r\n\r\nhello";

    /// <summary>Splits bytes into a multi-segment sequence at the given cut points.</summary>
    private static ReadOnlySequence<byte> Segmented(byte[] bytes, params int[] cuts)
    {
        var points = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToArray();
        Segment? first = null, last = null;
        var start = 0;
        foreach (var p in points)
        {
            var s = new Segment(bytes.AsMemory(start, p - start));
            if (first is null)
            {
                first = last = s;
            }
            else
            {
                last = last!.Append(s);
            }

            start = p;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory) => Append(new Segment(memory));

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }

    /// <summary>Feeds the parser like a read loop: all messages out of one buffer, advancing by consumed.</summary>
    private static List<SipMessage> Drain(ReadOnlySequence<byte> buffer, out long remaining)
    {
        var list = new List<SipMessage>();
        while (SipMessageParser.TryParseStream(buffer, out var m, out var consumed, out _))
        {
            list.Add(m!);
            buffer = buffer.Slice(consumed);
        }

        Assert.False(SipMessageParser.TryParseStream(buffer, out _, out var c, out _));
        remaining = buffer.Slice(c).Length;
        return list;
    }

    [Fact]
    public void Partial_header_section_returns_false_and_examines_everything()
    {
        var bytes = Encoding.ASCII.GetBytes(Options[..60]);
        var seq = new ReadOnlySequence<byte>(bytes);
        Assert.False(SipMessageParser.TryParseStream(seq, out var m, out var consumed, out var examined));
        Assert.Null(m);
        Assert.Equal(0, seq.Slice(0, consumed).Length);
        Assert.Equal(seq.Length, seq.Slice(0, examined).Length);
    }

    [Fact]
    public void Partial_body_returns_false_until_content_length_bytes_arrived()
    {
        var bytes = Encoding.ASCII.GetBytes(Options);
        Assert.False(SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(bytes, 0, bytes.Length - 1), out _, out _, out _));
        Assert.True(SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(bytes), out var m, out _, out _));
        Assert.Equal("hello", Encoding.ASCII.GetString(m!.Body.Span));
    }

    [Fact]
    public void Keep_alive_crlfs_are_consumed_between_and_before_messages()
    {
        var bytes = Encoding.ASCII.GetBytes("\r\n\r\n" + Options + "\r\n\r\n" + Options + "\r\n");
        var messages = Drain(new ReadOnlySequence<byte>(bytes), out var remaining);
        Assert.Equal(2, messages.Count);
        Assert.Equal(0, remaining);
        Assert.All(messages, m => Assert.Equal("c1", m.CallId));
    }

    [Fact]
    public void Only_keep_alives_are_consumed_without_a_message()
    {
        var seq = new ReadOnlySequence<byte>("\r\n\r\n"u8.ToArray());
        Assert.False(SipMessageParser.TryParseStream(seq, out _, out var consumed, out _));
        Assert.Equal(4, seq.Slice(0, consumed).Length);
        Assert.True(SipMessageParser.IsKeepAlive("\r\n\r\n"u8));
        Assert.False(SipMessageParser.IsKeepAlive("\r\nX"u8));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(200)]
    public void Messages_split_across_segments_at_any_point_parse_the_same(int step)
    {
        var bytes = Encoding.ASCII.GetBytes(Options + Options);
        var cuts = Enumerable.Range(1, bytes.Length / step).Select(i => i * step).ToArray();
        var messages = Drain(Segmented(bytes, cuts), out var remaining);
        Assert.Equal(2, messages.Count);
        Assert.Equal(0, remaining);
        MessageAssert.SemanticallyEqual(messages[0], messages[1]);
        Assert.Equal(Options, Encoding.ASCII.GetString(messages[0].Bytes.Span));
    }

    [Fact]
    public void Message_without_content_length_is_an_error_on_a_stream()
    {
        var text = Options.Replace("Content-Length: 5\r\n", string.Empty, StringComparison.Ordinal)[..^5];
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out _, out _, out _));
        Assert.Equal("missing Content-Length on a stream transport", e.Reason);
    }

    [Fact]
    public void Endless_header_section_is_refused_instead_of_buffered_forever()
    {
        var junk = new byte[SipMessageParser.MaxHeaderBytes + 10];
        junk.AsSpan().Fill((byte)'a');
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(junk), out _, out _, out _));
        Assert.Equal("header section too large", e.Reason);
    }

    [Fact]
    public void Compact_content_length_frames_a_stream_message()
    {
        var text = Options.Replace("Content-Length: 5", "l :5", StringComparison.Ordinal);
        Assert.True(SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out var m, out _, out _));
        Assert.Equal(5, m!.ContentLength);
    }

    [Fact]
    public void Folded_content_length_frames_a_stream_message()
    {
        var text = Options.Replace("Content-Length: 5", "Content-Length:\r\n  5", StringComparison.Ordinal);
        Assert.True(SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out var m, out _, out _));
        Assert.Equal("hello", Encoding.ASCII.GetString(m!.Body.Span));
    }

    [Fact]
    public void Wsinv_torture_message_frames_on_a_stream_like_on_a_datagram()
    {
        var bytes = SipCorpus.Read("rfc4475/wsinv.sip");
        Assert.True(SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(bytes), out var m, out var consumed, out _));
        MessageAssert.SemanticallyEqual(SipMessageParser.ParseDatagram(bytes.AsMemory()), m!);
        Assert.Equal(bytes.Length, consumed.GetInteger());
    }
}
