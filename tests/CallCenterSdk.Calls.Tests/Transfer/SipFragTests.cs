using System.Text;
using CallCenterSdk.Calls.Transfer;

namespace CallCenterSdk.Calls.Tests.Transfer;

public class SipFragTests
{
    [Theory]
    [InlineData("SIP/2.0 100 Trying\r\n", 100, "Trying")]
    [InlineData("SIP/2.0 200 OK\r\nContact: <sip:c@h>\r\n", 200, "OK")]
    [InlineData("SIP/2.0 486 Busy Here", 486, "Busy Here")]
    [InlineData("SIP/2.0 603\r\n", 603, "")]
    public void Reads_the_status_line_of_a_sipfrag(string body, int status, string reason)
    {
        Assert.True(SipFrag.TryParseStatus(Encoding.ASCII.GetBytes(body), out var code, out var phrase));
        Assert.Equal(status, code);
        Assert.Equal(reason, phrase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n")]
    [InlineData("SIP/2.0 99 Low\r\n")]
    [InlineData("SIP/2.0 2000 Long\r\n")]
    [InlineData("SIP/3.0 200 OK\r\n")]
    public void Rejects_what_is_not_a_status_line(string body)
    {
        Assert.False(SipFrag.TryParseStatus(Encoding.ASCII.GetBytes(body), out var code, out _));
        Assert.Equal(0, code);
    }

    [Fact]
    public void Formats_a_status_line_and_refuses_impossible_codes()
    {
        Assert.Equal("SIP/2.0 180 Ringing\r\n", Encoding.ASCII.GetString(SipFrag.Format(180, "Ringing")));
        Assert.Throws<ArgumentOutOfRangeException>(() => SipFrag.Format(700, "x"));
    }
}
