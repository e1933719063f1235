using System.Net;
using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Stack;

namespace CallCenterSdk.Sip.Tests.Stack;

/// <summary>RFC 3261 §18.2.1 (received, every transport) and RFC 3581 §4 (received always with rport, and the rport value).</summary>
public class ReceivedParametersTests
{
    private static SipResponse ResponseTo(string via, string secondVia = "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-p1")
    {
        var text =
            "OPTIONS sip:service@127.0.0.1 SIP/2.0\r\n" +
            $"Via: {via}\r\n" +
            $"Via: {secondVia}\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:service@127.0.0.1>\r\n" +
            "Call-ID: received-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        var request = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        return (SipResponse)SipMessageBuilder.CreateResponse(request, 200, toTag: "t").Build();
    }

    private static readonly IPEndPoint Source = new(IPAddress.Parse("198.51.100.7"), 40123);

    [Theory]
    [InlineData("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1;rport", "198.51.100.7", 40123)] // equal to sent-by, but rport asked: received anyway
    [InlineData("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-1;rport", "198.51.100.7", 40123)]
    [InlineData("SIP/2.0/TCP 10.0.0.2:5060;branch=z9hG4bK-1;rport", "198.51.100.7", 40123)]
    [InlineData("SIP/2.0/TCP 10.0.0.2:5060;branch=z9hG4bK-1", "198.51.100.7", null)]                // §18.2.1 on TCP too
    [InlineData("SIP/2.0/UDP phone.example.com;branch=z9hG4bK-1", "198.51.100.7", null)]           // a host name always
    [InlineData("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1", null, null)]                    // same address, no rport: untouched
    [InlineData("SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-1;received=203.0.113.1;rport=9", "203.0.113.1", 9)] // already stamped
    public void Top_via_gets_received_and_rport_as_the_rfcs_say(string via, string? received, int? rport)
    {
        var stamped = ReceivedParameters.AddTo(ResponseTo(via), Source);
        Assert.Equal(received, stamped.TopVia.Received);
        Assert.Equal(rport, stamped.TopVia.RPort);
        Assert.Equal(2, stamped.Vias.Count);
        Assert.Equal("proxy.example.com", stamped.Vias[1].Host); // only the top value changes
        Assert.Null(stamped.Vias[1].Received);
    }

    [Fact]
    public void Unchanged_response_is_the_same_instance()
    {
        var response = ResponseTo("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1");
        Assert.Same(response, ReceivedParameters.AddTo(response, Source));
    }

    [Fact]
    public void Ipv6_literals_compare_as_addresses_not_as_text()
    {
        var v6 = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5062);
        var same = ResponseTo("SIP/2.0/UDP [2001:0db8:0:0::1]:5062;branch=z9hG4bK-1");
        Assert.Null(ReceivedParameters.AddTo(same, v6).TopVia.Received);
        var other = ReceivedParameters.AddTo(ResponseTo("SIP/2.0/UDP [2001:db8::2]:5062;branch=z9hG4bK-1;rport"), v6);
        Assert.Equal("2001:db8::1", other.TopVia.Received);
        Assert.Equal(5062, other.TopVia.RPort);
    }

    [Fact]
    public void Ipv4_mapped_source_is_written_as_ipv4()
    {
        var mapped = new IPEndPoint(IPAddress.Parse("198.51.100.7").MapToIPv6(), 40123);
        Assert.Null(ReceivedParameters.AddTo(ResponseTo("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1"), mapped).TopVia.Received);
        Assert.Equal("198.51.100.7", ReceivedParameters.AddTo(ResponseTo("SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK-1;rport"), mapped).TopVia.Received);
    }
}
