using System.Net;
using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Dialogs;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Tests.UserAgent;

public class SipDialogTests
{
    private static readonly SipEndpoint Peer = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5090));
    private static readonly ViaHeader Via = ViaHeader.Parse("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-new");

    private static SipRequest Invite(params string[] recordRoutes) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
        "INVITE sip:bob@b.example SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n" +
        string.Concat(recordRoutes.Select(r => $"Record-Route: {r}\r\n")) +
        "From: Alice <sip:alice@a.example>;tag=a1\r\nTo: <sip:bob@b.example>\r\nCall-ID: dlg-1\r\nCSeq: 7 INVITE\r\n" +
        "Contact: <sip:alice@10.0.0.1:5070>\r\nContent-Length: 0\r\n\r\n"));

    [Fact]
    public void Uas_dialog_keeps_record_route_in_order_and_the_caller_contact_as_target()
    {
        var invite = Invite("<sip:p1.example;lr>", "<sip:p2.example;lr>");
        var ok = (SipResponse)SipMessageBuilder.CreateResponse(invite, 200, toTag: "b1").Build();
        var dialog = SipDialog.CreateAsUas(invite, ok, Peer);
        Assert.Equal(new DialogId("dlg-1", "b1", "a1"), dialog.Id);
        Assert.Equal(["sip:p1.example;lr", "sip:p2.example;lr"], dialog.RouteSet.Select(r => r.Uri.ToString()));
        Assert.Equal(7u, dialog.RemoteSequence);
        var bye = (SipRequest)dialog.CreateRequest(SipMethod.Bye, Via).Build();
        Assert.Equal("sip:alice@10.0.0.1:5070", Encoding.ASCII.GetString(bye.RequestUriBytes));
        Assert.Equal(["sip:p1.example;lr", "sip:p2.example;lr"], bye.Routes.Select(r => r.Uri.ToString()));
        Assert.Equal("b1", bye.FromTag);
        Assert.Equal("a1", bye.ToTag);
        Assert.Equal(1u, bye.CSeq.Number);
    }

    [Fact]
    public void Uac_dialog_reverses_the_record_route_of_the_response()
    {
        var invite = Invite();
        var ok = (SipResponse)SipMessageBuilder.CreateResponse(Invite("<sip:p1.example;lr>", "<sip:p2.example;lr>"), 200, toTag: "b1")
            .AddHeader("Contact", "<sip:bob@10.0.0.2>").Build();
        var dialog = SipDialog.CreateAsUac(invite, ok, Peer);
        Assert.Equal(["sip:p2.example;lr", "sip:p1.example;lr"], dialog.RouteSet.Select(r => r.Uri.ToString()));
        Assert.Equal(7u, dialog.LocalSequence);
        var reinvite = (SipRequest)dialog.CreateRequest(SipMethod.Invite, Via).Build();
        Assert.Equal(8u, reinvite.CSeq.Number);
        Assert.Equal("sip:bob@10.0.0.2", Encoding.ASCII.GetString(reinvite.RequestUriBytes));
        var ack = (SipRequest)dialog.CreateRequest(SipMethod.Ack, Via, sequence: 8).Build();
        Assert.Equal(8u, ack.CSeq.Number);
    }

    [Fact]
    public void Strict_route_becomes_the_request_uri_and_the_target_the_last_route()
    {
        var invite = Invite();
        var ok = (SipResponse)SipMessageBuilder.CreateResponse(Invite("<sip:strict.example>"), 200, toTag: "b1")
            .AddHeader("Contact", "<sip:bob@10.0.0.2>").Build();
        var bye = (SipRequest)SipDialog.CreateAsUac(invite, ok, Peer).CreateRequest(SipMethod.Bye, Via).Build();
        Assert.Equal("sip:strict.example", Encoding.ASCII.GetString(bye.RequestUriBytes));
        Assert.Equal("sip:bob@10.0.0.2", bye.Routes[^1].Uri.ToString());
    }

    [Fact]
    public void Remote_cseq_must_grow_and_target_refresh_updates_the_contact()
    {
        var invite = Invite();
        var dialog = SipDialog.CreateAsUas(invite, (SipResponse)SipMessageBuilder.CreateResponse(invite, 200, toTag: "b1").Build(), Peer);
        SipRequest InDialog(uint cseq, string contact) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
            $"INVITE sip:bob@b.example SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-{cseq}\r\nMax-Forwards: 70\r\n" +
            $"From: <sip:alice@a.example>;tag=a1\r\nTo: <sip:bob@b.example>;tag=b1\r\nCall-ID: dlg-1\r\nCSeq: {cseq} INVITE\r\nContact: {contact}\r\nContent-Length: 0\r\n\r\n"));
        Assert.False(dialog.AcceptRemoteSequence(InDialog(7, "<sip:x@1.1.1.1>")));
        var refresh = InDialog(8, "<sip:alice@10.9.9.9>");
        Assert.True(dialog.AcceptRemoteSequence(refresh));
        dialog.RefreshTarget(refresh);
        Assert.Equal("sip:alice@10.9.9.9", dialog.RemoteTarget.ToString());
    }
}
