using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>Who owns the bytes: the span overload copies, the memory overload refers to the caller's buffer.</summary>
public class DatagramOwnershipTests
{
    [Fact]
    public void Span_overload_copies_so_the_receive_buffer_can_be_reused()
    {
        var buffer = SipCorpus.Read("rfc4475/transports.sip");
        var m = SipMessageParser.ParseDatagram(buffer.AsSpan());
        Array.Fill(buffer, (byte)'X');
        Assert.Equal("transports.kijh4akdnaqjkwendsasfdj", m.CallId);
        Assert.Equal("z9hG4bKkdjuw", Encoding.ASCII.GetString(m.TopViaBranchBytes));
    }

    [Fact]
    public void Memory_overload_refers_to_the_callers_buffer_without_copying()
    {
        var buffer = SipCorpus.Read("rfc4475/transports.sip");
        var m = SipMessageParser.ParseDatagram(buffer.AsMemory());
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(m.Bytes, out var segment));
        Assert.Same(buffer, segment.Array);
    }

    [Fact]
    public void Leading_crlfs_are_skipped_and_not_part_of_the_message_bytes()
    {
        var original = SipCorpus.Read("rfc4475/transports.sip");
        var m = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes("\r\n\r\n").Concat(original).ToArray().AsMemory());
        Assert.True(m.Bytes.Span.SequenceEqual(original));
    }

    [Fact]
    public void Empty_and_keep_alive_datagrams_are_rejected_as_empty()
    {
        Assert.Equal("empty message", Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(ReadOnlyMemory<byte>.Empty)).Reason);
        Assert.Equal("empty message", Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram("\r\n\r\n"u8)).Reason);
    }
}
