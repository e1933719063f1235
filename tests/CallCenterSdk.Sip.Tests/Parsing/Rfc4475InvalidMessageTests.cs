using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>RFC 4475 §3.1.2 (invalid) and the §3.3 messages that must be answered 400: each is rejected with a specific reason.</summary>
public class Rfc4475InvalidMessageTests
{
    /// <summary>Parses the datagram and validates every known header: how an element decides to answer 400.</summary>
    private static SipParseException Reject(string file)
    {
        var bytes = SipCorpus.Read("rfc4475/" + file + ".sip");
        return Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(bytes.AsMemory()).Validate());
    }

    [Theory]
    [InlineData("badinv01", "parameter name")]
    [InlineData("clerr", "Content-Length 9999 exceeds")]
    [InlineData("ncl", "Content-Length is not a number")]
    [InlineData("scalar02", "CSeq number exceeds 2**32-1")]
    [InlineData("scalarlg", "CSeq number exceeds 2**32-1")]
    [InlineData("quotbal", "unterminated quoted display name")]
    [InlineData("ltgtruri", "URI must not be enclosed in <> here")]
    [InlineData("lwsruri", "white space in Request-URI or after SIP version")]
    [InlineData("lwsstart", "extra white space in request line")]
    [InlineData("trws", "white space in Request-URI or after SIP version")]
    [InlineData("escruri", "headers are not allowed in the Request-URI")]
    [InlineData("baddate", "Date must be an RFC 1123 date in GMT")]
    [InlineData("regbadct", "URI with headers must be enclosed in <>")]
    [InlineData("badaspec", "white space in URI")]
    [InlineData("baddn", "header section not terminated by an empty line")]
    [InlineData("variants/baddn.terminated", "URI scheme not followed by ':'")]
    [InlineData("badvers", "SIP version not supported")]
    [InlineData("mismatch01", "CSeq method does not match the request method")]
    [InlineData("mismatch02", "CSeq method does not match the request method")]
    [InlineData("bigcode", "status code must be three digits followed by SP")]
    [InlineData("insuf", "missing From header")]
    [InlineData("multi01", "multiple")]
    [InlineData("mcl01", "multiple Content-Length headers")]
    public void Invalid_message_is_rejected_with_a_specific_reason(string file, string reason)
    {
        var e = Reject(file);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.True(e.Offset >= 0, "a parse error carries the offset");
        Assert.True(e.Offset <= SipCorpus.Read("rfc4475/" + file + ".sip").Length);
    }

    [Fact]
    public void Every_invalid_message_in_the_manifest_is_rejected()
    {
        foreach (var (file, cls) in SipCorpus.Rfc4475Manifest().Where(r => r.Class == "invalid"))
        {
            var e = Reject(Path.GetFileNameWithoutExtension(file));
            Assert.False(string.IsNullOrEmpty(e.Reason), file);
        }
    }

    [Fact]
    public void Badvers_asks_for_505_and_other_errors_for_400()
    {
        Assert.Equal(505, Reject("badvers").StatusCode);
        Assert.Equal(400, Reject("mismatch01").StatusCode);
    }

    [Fact]
    public void Bad_header_values_leave_a_partial_message_to_answer_400_from()
    {
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/scalar02.sip").AsMemory()));
        var partial = Assert.IsType<SipRequest>(e.PartialMessage);
        Assert.Equal("scalar02.23o0pd9vanlq3wnrlnewofjas9ui32", partial.Headers["Call-ID"]);
        Assert.Equal(SipMethod.Register, partial.Method);
    }

    [Fact]
    public void Broken_start_line_leaves_no_partial_message()
    {
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/lwsstart.sip").AsMemory()));
        Assert.Null(e.PartialMessage);
    }

    [Fact]
    public void Clerr_on_a_stream_waits_for_more_bytes_instead_of_failing()
    {
        var bytes = SipCorpus.Read("rfc4475/clerr.sip");
        var done = SipMessageParser.TryParseStream(new System.Buffers.ReadOnlySequence<byte>(bytes), out var message, out var consumed, out var examined);
        Assert.False(done);
        Assert.Null(message);
        Assert.Equal(0, consumed.GetInteger());
    }

    [Fact]
    public void Mcl01_stream_framing_rejects_duplicate_content_length()
    {
        var bytes = SipCorpus.Read("rfc4475/mcl01.sip");
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.TryParseStream(new System.Buffers.ReadOnlySequence<byte>(bytes), out _, out _, out _));
        Assert.Equal("multiple Content-Length headers", e.Reason);
    }

    [Fact]
    public void Extras_test_dat_without_sip_version_is_rejected()
    {
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/extras/test.sip").AsMemory()).Validate());
        Assert.False(string.IsNullOrEmpty(e.Reason));
    }
}
