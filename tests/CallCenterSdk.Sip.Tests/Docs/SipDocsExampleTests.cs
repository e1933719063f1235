using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Tests.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Tests.Docs;

/// <summary>The examples of docs/sip.md, compiled and run so the page stays true.</summary>
public class SipDocsExampleTests
{
    private static readonly byte[] Invite = SipCorpus.Read("rfc4475/esc01.sip");

    [Fact]
    public void Parse_a_datagram_example()
    {
        var datagram = Invite;
        Assert.False(SipMessageParser.IsKeepAlive(datagram));
        var message = SipMessageParser.ParseDatagram(datagram.AsMemory());
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal("INVITE sip:sips%3Auser%40example.com@example.net from sip:I%20have%20spaces@example.net", $"{request.Method} {request.RequestUri} from {message.From.Uri}");
    }

    [Fact]
    public async Task Parse_a_stream_example_with_a_real_pipe()
    {
        var pipe = new Pipe();
        var wire = Encoding.ASCII.GetBytes("\r\n\r\n").Concat(SipCorpus.Read("rfc4475/transports.sip")).Concat(SipCorpus.Read("rfc4475/regaut01.sip")).ToArray();
        for (var i = 0; i < wire.Length; i += 37)
        {
            await pipe.Writer.WriteAsync(wire.AsMemory(i, Math.Min(37, wire.Length - i)));
        }

        await pipe.Writer.CompleteAsync();
        var received = new List<SipMessage>();
        var reader = pipe.Reader;
        while (true)
        {
            var read = await reader.ReadAsync();
            var buffer = read.Buffer;
            SequencePosition consumed = buffer.Start, examined = buffer.End;
            while (SipMessageParser.TryParseStream(buffer, out var message, out consumed, out examined))
            {
                received.Add(message!);
                buffer = buffer.Slice(consumed);
            }

            reader.AdvanceTo(consumed, examined);
            if (read.IsCompleted)
            {
                break;
            }
        }

        Assert.Equal(["OPTIONS", "REGISTER"], received.Select(m => ((SipRequest)m).Method.Name));
    }

    [Fact]
    public void Read_headers_example()
    {
        var m = SipMessageParser.ParseDatagram(Invite.AsMemory());
        Assert.Equal("z9hG4bKkdjuw", Encoding.ASCII.GetString(m.TopViaBranchBytes));
        Assert.Equal("938", Encoding.ASCII.GetString(m.FromTagBytes));
        Assert.True(m.ToTagBytes.IsEmpty);
        Assert.Equal(new CSeqHeader(234234, SipMethod.Invite), m.CSeq);
        Assert.Equal("host5.example.net", m.TopVia.Host);
        Assert.Single(m.Contacts);
        Assert.True(m.ContentType!.IsSdp);
        Assert.Equal(["To", "From", "Max-Forwards", "i", "CSeq", "Via", "C", "Contact", "Content-Length"], m.Headers.Select(h => h.Name));
        Assert.Equal(150, m.Body.Length);
    }

    [Fact]
    public void Uri_comparison_example()
    {
        var a = SipUri.Parse("sip:%61lice@atlanta.com;transport=TCP");
        var b = SipUri.Parse("sip:alice@AtLanta.CoM;Transport=tcp");
        Assert.True(a == b);
    }

    [Fact]
    public void Build_request_and_response_example()
    {
        var ids = new SipIdentifiers(new Random(42));
        var sdpBytes = "v=0\r\n"u8.ToArray();
        var invite = SipMessageBuilder.CreateRequest(
                SipMethod.Invite,
                SipUri.Parse("sip:bob@biloxi.example.com"),
                from: NameAddress.Parse("\"Alice\" <sip:alice@atlanta.example.com>"),
                to: NameAddress.Parse("<sip:bob@biloxi.example.com>"),
                via: new ViaHeader("UDP", "pc33.atlanta.example.com", 5060),
                sequence: 1,
                identifiers: ids,
                contact: NameAddress.Parse("<sip:alice@pc33.atlanta.example.com>"))
            .SetBody("application/sdp", sdpBytes)
            .Build();
        var ringing = SipMessageBuilder.CreateResponse(invite, 180, toTag: ids.NewTag()).Build();
        Assert.Equal("CSeq: 1 INVITE", ringing.Headers.First(h => h.Kind == HeaderKind.CSeq).ToString());
        Assert.NotNull(ringing.ToTag);
        Assert.Equal(invite.CallId, ringing.CallId);

        var writer = new ArrayBufferWriter<byte>(4096);
        invite.WriteTo(writer);
        Assert.True(writer.WrittenSpan.SequenceEqual(invite.Bytes.Span));
    }

    [Fact]
    public void Answer_a_rejected_request_example()
    {
        var ids = new SipIdentifiers(new Random(1));
        var writer = new ArrayBufferWriter<byte>();
        try
        {
            SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/scalar02.sip").AsMemory());
        }
        catch (SipParseException e) when (e.PartialMessage is { IsRequest: true } partial)
        {
            // WriteTo, not Build: the copied CSeq is the malformed one, so the reply would not parse back.
            SipMessageBuilder.CreateResponse(partial, e.StatusCode, e.Reason, ids.NewTag()).WriteTo(writer);
        }

        var text = Encoding.ASCII.GetString(writer.WrittenSpan);
        Assert.StartsWith("SIP/2.0 400 CSeq number exceeds 2**32-1\r\nVia: SIP/2.0/TCP host129.example.com;branch=z9hG4bK342sdfoi3\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nCall-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nCSeq: 36893488147419103232 REGISTER\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\nContent-Length: 0\r\n\r\n", text, StringComparison.Ordinal);
    }
}
