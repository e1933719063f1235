using System.Globalization;
using System.Net;
using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Sip.Tests.Interop;

/// <summary>Our user agent places calls to SIPp's built-in uas scenario (which expects our BYE).</summary>
[Collection("interop")]
public class OurUacAgainstSippUasTests
{
    private const string Offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    [Theory]
    [InlineData(SipTransportProtocol.Udp, "u1")]
    [InlineData(SipTransportProtocol.Tcp, "t1")]
    public async Task Calls_are_answered_acknowledged_and_hung_up(SipTransportProtocol protocol, string sippTransport)
    {
        const int calls = 30;
        var sippPort = FreePort.Next();
        var errors = Path.Combine(Path.GetTempPath(), $"sipp-uas-{sippPort}-errors.log");
        await using var sipp = Sipp.Start(["-sn", "uas", "-t", sippTransport, "-i", "127.0.0.1", "-p", sippPort.ToString(CultureInfo.InvariantCulture), "-m", calls.ToString(CultureInfo.InvariantCulture),
            "-trace_err", "-error_file", errors, .. (protocol == SipTransportProtocol.Udp ? new[] { "-nr" } : [])]);
        await Task.Delay(500);

        var agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "caller" });
        // sipp's built-in uas aborts a call when an INVITE retransmission arrives after its 200, or an ACK for a
        // retransmitted 200 arrives during its closing pause (both correct behaviour of ours, RFC 3261 §17.1.1.2
        // and §13.2.2.4). On a loaded machine that happens when delays exceed T1, so this call-flow test uses
        // T1 = 2 s, paces its calls, and runs sipp without UDP retransmissions (-nr): the first call's ACK can
        // take longer than sipp's 500 ms while our code is still being JIT-compiled.
        // Retransmission itself is proven by the transaction tests and the packet-loss interop test.
        var options = new SipStackOptions { Timers = new global::CallCenterSdk.Sip.Transactions.SipTimerSettings { T1 = TimeSpan.FromSeconds(2) } };
        options.ListenEndPoints.Add(new SipListenEndPoint(protocol, new IPEndPoint(IPAddress.Loopback, FreePort.Next())));
        await using var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();

        var destination = new SipEndpoint(protocol, new IPEndPoint(IPAddress.Loopback, sippPort));
        var ended = new List<Task<SessionEndReason>>();
        for (var i = 0; i < calls; i++)
        {
            var done = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            var session = agent.PlaceCall(
                SipUri.Parse($"sip:service@127.0.0.1:{sippPort}"),
                NameAddress.Parse("<sip:caller@127.0.0.1>"),
                destination, "application/sdp", Encoding.ASCII.GetBytes(Offer));
            session.Established += s => s.Hangup();
            session.Ended += (_, reason) => done.TrySetResult(reason);
            ended.Add(done.Task);
            await Task.Delay(40);
        }

        var reasons = await Task.WhenAll(ended).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(reasons, r => Assert.Equal(SessionEndKind.LocalHangup, r.Kind));
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var result = Sipp.Parse(exit, sipp.StandardOutput, sipp.StandardError);
        Assert.True(exit == 0 && result.SuccessfulCalls == calls && result.FailedCalls == 0,
            result + "\nsipp errors:\n" + (File.Exists(errors) ? File.ReadAllText(errors) : "(none)"));
    }
}
