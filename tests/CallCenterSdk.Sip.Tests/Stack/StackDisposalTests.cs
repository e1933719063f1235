using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Sip.Tests.Stack;

/// <summary>
/// A user agent's timers can outlive its stack: a 2xx retransmission (or its give-up BYE) due after the stack was
/// disposed is dropped, as if the network were gone. It used to throw ObjectDisposedException from the TCP
/// transport's closed listener on a timer thread, which ends the process.
/// </summary>
public sealed class StackDisposalTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n";

    [Fact]
    public async Task A_2xx_retransmission_due_after_the_stack_is_disposed_is_dropped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
        var agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "ua" }, clock);
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 0)));
        var stack = new SipStack(options, agent, clock);
        agent.Attach(stack);
        await stack.StartAsync();
        var answered = new TaskCompletionSource<InviteSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.IncomingCall += s =>
        {
            s.Answer("application/sdp", Encoding.ASCII.GetBytes(Sdp));
            answered.TrySetResult(s);
        };

        var ours = stack.Transports[0].LocalEndPoint;
        using var peer = new TcpClient();
        await peer.ConnectAsync(ours);
        var local = (IPEndPoint)peer.Client.LocalEndPoint!;
        var invite =
            $"INVITE sip:ua@127.0.0.1:{ours.Port};transport=tcp SIP/2.0\r\n" +
            $"Via: SIP/2.0/TCP 127.0.0.1:{local.Port};branch=z9hG4bK-disposal-1\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1>;tag=peer-tag\r\nTo: <sip:ua@127.0.0.1>\r\n" +
            "Call-ID: disposal-1\r\nCSeq: 1 INVITE\r\n" +
            $"Contact: <sip:peer@127.0.0.1:{local.Port};transport=tcp>\r\nContent-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}";
        await peer.GetStream().WriteAsync(Encoding.ASCII.GetBytes(invite));
        var session = await answered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(InviteSessionState.Answering, session.State); // no ACK: the 2xx timer runs

        await stack.DisposeAsync();
        Assert.Equal(ours, stack.Transports[0].LocalEndPoint); // still known after the listener closed

        // Every retransmission (T1 doubling to T2) and the give-up BYE 64*T1 after the first 2xx: none may throw.
        for (var ms = 0; ms < 33_000; ms += 250)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(InviteSessionState.Terminated, session.State);
        Assert.Equal(408, session.EndReason!.StatusCode); // "No ACK for 2xx"
    }
}
