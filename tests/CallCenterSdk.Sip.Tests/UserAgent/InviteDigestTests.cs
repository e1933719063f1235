using System.Net;
using System.Text;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.UserAgent;

/// <summary>
/// The client side of digest authentication on INVITE (RFC 3261 §22.2-22.3, RFC 7616): a challenged call is sent
/// again with credentials that our own <see cref="DigestAuthenticator"/> (the registrar's) accepts.
/// </summary>
public sealed class InviteDigestTests : UserAgentHarness
{
    private readonly DigestAuthenticator _callee;
    private readonly DigestAuthenticator _proxy;

    public InviteDigestTests()
        : base(new SipUserAgentOptions { ContactUser = "ua", Credentials = ("alice", "alice-pw") })
    {
        _callee = Authenticator("callee-nonce-key-0123456789abcdef");
        _proxy = Authenticator("proxy-nonce-key-0123456789abcdefg");
    }

    private static DigestAuthenticator Authenticator(string key) => new(
        new DigestNonceService(Encoding.ASCII.GetBytes(key), TimeSpan.FromMinutes(5), TimeProvider.System),
        (realm, user, algorithm) => user == "alice" ? DigestAuthenticator.Secret(algorithm, user, realm, "alice-pw") : null);

    private static SipResponse Challenge(SipRequest invite, int code, DigestAuthenticator authenticator, string realm, bool stale = false)
    {
        var builder = SipMessageBuilder.CreateResponse(invite, code, toTag: "challenger");
        foreach (var challenge in authenticator.CreateChallenges(realm, stale))
        {
            builder.AddHeader(code == 401 ? "WWW-Authenticate" : "Proxy-Authenticate", challenge.ToString());
        }

        return (SipResponse)builder.Build();
    }

    private static DigestVerification Verify(DigestAuthenticator authenticator, SipRequest invite, string header, string realm)
    {
        var value = invite.Headers[header];
        Assert.NotNull(value);
        return authenticator.Verify(DigestCredentials.Parse(value), "INVITE", realm, Encoding.UTF8.GetString(invite.RequestUriBytes));
    }

    private async Task<(SipRequest Invite, IPEndPoint From)> NextInviteAsync()
    {
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        return ((SipRequest)message, from);
    }

    [Theory]
    [InlineData(401, "Authorization")]
    [InlineData(407, "Proxy-Authorization")]
    public async Task Challenged_invite_is_acknowledged_and_sent_again_with_credentials_the_challenger_accepts(int code, string header)
    {
        var session = Call();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        var (first, from) = await NextInviteAsync();
        Assert.Null(first.Headers["Authorization"]);
        Assert.Null(first.Headers["Proxy-Authorization"]);
        await Peer.SendAsync(Challenge(first, code, _callee, "pbx.example"), from);

        // §17.1.1.3: the 401/407 is acknowledged inside the first INVITE's transaction.
        var ack = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        Assert.Equal(first.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(first.CSeq.Number, ack.CSeq.Number);

        // §22.2: the same call (Call-ID, From tag, To, Request-URI, body), a new branch and the next CSeq.
        var (second, _) = await NextInviteAsync();
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.FromTag, second.FromTag);
        Assert.Null(second.ToTag);
        Assert.Equal(first.CSeq.Number + 1, second.CSeq.Number);
        Assert.NotEqual(first.TopVia.Branch, second.TopVia.Branch);
        Assert.True(first.Body.Span.SequenceEqual(second.Body.Span));
        Assert.Equal(first.Headers["Allow"], second.Headers["Allow"]);
        Assert.Equal(first.Headers["User-Agent"], second.Headers["User-Agent"]);
        Assert.Null(second.Headers[header == "Authorization" ? "Proxy-Authorization" : "Authorization"]);
        Assert.Equal(DigestVerification.Authenticated, Verify(_callee, second, header, "pbx.example"));
        var credentials = DigestCredentials.Parse(second.Headers[header]!);
        Assert.Equal(("alice", "SHA-256", "auth", 1u), (credentials.Username, credentials.Algorithm.Name, credentials.Qop, credentials.NonceCount));

        await Peer.RespondAsync(second, from, 200, "peer-tag", Sdp);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var ack2 = (SipRequest)(await Peer.ReceiveRequestAsync(SipMethod.Ack)).Message;
        Assert.Equal(second.CSeq.Number, ack2.CSeq.Number);
        Assert.Equal("peer-tag", ack2.ToTag);
    }

    [Fact]
    public async Task Wrong_password_ends_the_call_with_the_second_challenge_instead_of_looping()
    {
        var wrong = new SipUserAgent(new SipUserAgentOptions { ContactUser = "ua", Credentials = ("alice", "not-the-password") });
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        await using var stack = new SipStack(options, wrong);
        wrong.Attach(stack);
        await stack.StartAsync();
        var session = wrong.PlaceCall(SipUri.Parse($"sip:peer@127.0.0.1:{Peer.Port}"), NameAddress.Parse("<sip:alice@127.0.0.1>"),
            new SipEndpoint(SipTransportProtocol.Udp, Peer.EndPoint), "application/sdp", Encoding.ASCII.GetBytes(Sdp));
        var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Ended += (_, r) => ended.TrySetResult(r);

        var (first, from) = await NextInviteAsync();
        await Peer.SendAsync(Challenge(first, 401, _callee, "pbx.example"), from);
        var (second, _) = await NextInviteAsync();
        Assert.Equal(DigestVerification.BadResponse, Verify(_callee, second, "Authorization", "pbx.example"));
        await Peer.SendAsync(Challenge(second, 401, _callee, "pbx.example"), from);

        var reason = await ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((SessionEndKind.RemoteRejected, 401), (reason.Kind, reason.StatusCode));
        Assert.True(await Peer.NothingArrivesAsync(m => m is SipRequest { Method.Name: "INVITE" }, 700));
    }

    [Fact]
    public async Task A_stale_nonce_is_answered_again_with_the_new_nonce()
    {
        var session = Call();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        var (first, from) = await NextInviteAsync();
        await Peer.SendAsync(Challenge(first, 401, _callee, "pbx.example"), from);
        var (second, _) = await NextInviteAsync();
        var staleChallenge = Challenge(second, 401, _callee, "pbx.example", stale: true);
        await Peer.SendAsync(staleChallenge, from);

        // RFC 7616 §3.3: stale=true means the password was right; the client retries with the new nonce, without asking the user.
        var (third, _) = await NextInviteAsync();
        var credentials = DigestCredentials.Parse(third.Headers["Authorization"]!);
        Assert.Equal(DigestChallenge.Parse(staleChallenge.Headers["WWW-Authenticate"]!).Nonce, credentials.Nonce);
        Assert.Equal(DigestVerification.Authenticated, Verify(_callee, third, "Authorization", "pbx.example"));
        Assert.Equal(first.CSeq.Number + 2, third.CSeq.Number);
        await Peer.RespondAsync(third, from, 200, "peer-tag", Sdp);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_proxy_challenge_then_a_callee_challenge_are_both_answered_each_with_its_own_nonce_count()
    {
        var session = Call();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        var (first, from) = await NextInviteAsync();
        await Peer.SendAsync(Challenge(first, 407, _proxy, "proxy.example"), from);
        var (second, _) = await NextInviteAsync();
        Assert.Equal(DigestVerification.Authenticated, Verify(_proxy, second, "Proxy-Authorization", "proxy.example"));
        Assert.Null(second.Headers["Authorization"]);

        await Peer.SendAsync(Challenge(second, 401, _callee, "pbx.example"), from);
        var (third, _) = await NextInviteAsync();
        // §22.3: the proxy's credentials go again, with the next nonce count (the same one would be a replay).
        Assert.Equal(DigestVerification.Authenticated, Verify(_proxy, third, "Proxy-Authorization", "proxy.example"));
        Assert.Equal(2u, DigestCredentials.Parse(third.Headers["Proxy-Authorization"]!).NonceCount);
        Assert.Equal(DigestVerification.Authenticated, Verify(_callee, third, "Authorization", "pbx.example"));
        Assert.Equal(first.CSeq.Number + 2, third.CSeq.Number);

        await Peer.RespondAsync(third, from, 200, "peer-tag", Sdp);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
