using System.Globalization;
using System.Net;
using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Sip.Tests.Interop;

/// <summary>
/// Our caller against a SIPp callee that challenges every INVITE with MD5 digest (Scenarios/uas_digest_challenge.xml):
/// SIPp's own digest code checks the credentials we send. The wrong password proves the check is real.
/// </summary>
[Collection("interop")]
public class SippDigestUasTests
{
    private const string Offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n";
    private const int Calls = 10;

    [Fact]
    public async Task Challenged_calls_are_answered_with_credentials_that_sipp_verifies()
    {
        var (reasons, sipp) = await CallChallengingSippAsync("s3cret");
        Assert.All(reasons, r => Assert.Equal(SessionEndKind.LocalHangup, r.Kind));
        Assert.True(sipp.ExitCode == 0 && sipp.SuccessfulCalls == Calls && sipp.FailedCalls == 0, sipp.ToString());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_sipp_and_ends_our_calls_with_its_403()
    {
        var (reasons, sipp) = await CallChallengingSippAsync("not-the-password");
        Assert.All(reasons, r => Assert.Equal((SessionEndKind.RemoteRejected, 403), (r.Kind, r.StatusCode)));
        Assert.True(sipp.SuccessfulCalls == 0 && sipp.FailedCalls == Calls, sipp.ToString());
    }

    private static async Task<(SessionEndReason[] Reasons, SippResult Sipp)> CallChallengingSippAsync(string password)
    {
        var sippPort = FreePort.Next();
        var scenario = Path.Combine(AppContext.BaseDirectory, "Interop", "Scenarios", "uas_digest_challenge.xml");
        await using var sipp = Sipp.Start(["-sf", scenario, "-i", "127.0.0.1", "-p", sippPort.ToString(CultureInfo.InvariantCulture),
            "-m", Calls.ToString(CultureInfo.InvariantCulture), "-nr"]);
        await Task.Delay(500);

        var agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "alice", Credentials = ("alice", password) });
        // T1 = 2 s and sipp without retransmissions (-nr), as in OurUacAgainstSippUasTests: a loaded machine must not
        // make either side retransmit into the other's closing pause.
        var options = new SipStackOptions { Timers = new SipTimerSettings { T1 = TimeSpan.FromSeconds(2) } };
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, FreePort.Next())));
        await using var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();

        var destination = new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, sippPort));
        var ended = new List<Task<SessionEndReason>>();
        for (var i = 0; i < Calls; i++)
        {
            var done = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            var session = agent.PlaceCall(SipUri.Parse($"sip:service@127.0.0.1:{sippPort}"), NameAddress.Parse("<sip:alice@127.0.0.1>"),
                destination, "application/sdp", Encoding.ASCII.GetBytes(Offer));
            session.Established += s => s.Hangup();
            session.Ended += (_, reason) => done.TrySetResult(reason);
            ended.Add(done.Task);
            await Task.Delay(50);
        }

        var reasons = await Task.WhenAll(ended).WaitAsync(TimeSpan.FromSeconds(60));
        var exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (reasons, Sipp.Parse(exit, sipp.StandardOutput, sipp.StandardError));
    }
}
