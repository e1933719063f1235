using System.Text;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>Typical messages of a call: an INVITE with SDP (about 900 bytes) and its 200 OK.</summary>
public static class SipSampleMessages
{
    private const string Sdp =
        "v=0\r\n" +
        "o=- 3771914512 3771914512 IN IP4 10.1.10.101\r\n" +
        "s=-\r\n" +
        "c=IN IP4 10.1.10.101\r\n" +
        "t=0 0\r\n" +
        "m=audio 6010 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    /// <summary>The INVITE bytes.</summary>
    public static byte[] Invite { get; } = Encoding.ASCII.GetBytes(
        "INVITE sip:5753606@10.1.10.1;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 10.1.10.101:5060;branch=z9hG4bKac619477600;rport\r\n" +
        "Via: SIP/2.0/UDP 10.1.10.103;branch=z9hG4bKac6194382828;received=10.1.10.103\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Anonymous Caller\" <sip:anonymous@anonymous.invalid>;tag=1c619456422\r\n" +
        "To: <sip:5753606@10.1.10.1;user=phone>\r\n" +
        "Call-ID: 619455480112200022407@10.1.10.101\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:1047@10.1.10.101:5060;transport=udp>\r\n" +
        "Supported: em,timer,replaces,path,resource-priority\r\n" +
        "Allow: REGISTER,OPTIONS,INVITE,ACK,CANCEL,BYE,NOTIFY,PRACK,REFER,INFO,SUBSCRIBE,UPDATE\r\n" +
        "User-Agent: Audiocodes-Sip-Gateway-Mediant 1000/v.5.80A.055.002\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: " + Sdp.Length + "\r\n" +
        "\r\n" + Sdp);

    /// <summary>The 200 OK bytes.</summary>
    public static byte[] Ok { get; } = Encoding.ASCII.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 10.1.10.101:5060;branch=z9hG4bKac619477600;rport=5060;received=10.1.10.101\r\n" +
        "Via: SIP/2.0/UDP 10.1.10.103;branch=z9hG4bKac6194382828;received=10.1.10.103\r\n" +
        "From: \"Anonymous Caller\" <sip:anonymous@anonymous.invalid>;tag=1c619456422\r\n" +
        "To: <sip:5753606@10.1.10.1;user=phone>;tag=a94c095b773be1dd6e8d\r\n" +
        "Call-ID: 619455480112200022407@10.1.10.101\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:5753606@10.1.10.1:5060>\r\n" +
        "Server: CallCenterSdk/0.1\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n");
}
