using CallCenterSdk.Sip.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Sip.Tests.Authentication;

public class DigestAuthenticatorTests
{
    private const string Realm = "tenant-a.example";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly DigestAuthenticator _server;

    public DigestAuthenticatorTests()
    {
        var nonces = new DigestNonceService("0123456789abcdef0123456789abcdef"u8, TimeSpan.FromMinutes(5), _time);
        _server = new DigestAuthenticator(nonces, (realm, user, algorithm) =>
            realm == Realm && user == "alice" ? DigestAuthenticator.Secret(algorithm, "alice", realm, "s3cret") : null);
    }

    [Fact]
    public void Challenges_offer_sha256_before_md5_with_qop_auth()
    {
        var challenges = _server.CreateChallenges(Realm);
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], challenges.Select(c => c.Algorithm));
        Assert.All(challenges, c => Assert.Equal(["auth"], c.QopOptions));
        Assert.All(challenges, c => Assert.False(c.Stale));
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public void Client_answer_is_authenticated_through_header_text(string algorithmName)
    {
        var challenge = _server.CreateChallenges(Realm).Single(c => c.Algorithm.Name == algorithmName);
        var wire = DigestChallenge.Parse(challenge.ToString());
        var credentials = new DigestClient("alice", "s3cret").Answer(wire, "REGISTER", "sip:tenant-a.example");
        var received = DigestCredentials.Parse(credentials.ToString());
        Assert.Equal(DigestVerification.Authenticated, _server.Verify(received, "REGISTER", Realm, "sip:tenant-a.example"));
    }

    [Fact]
    public void Wrong_password_is_a_bad_response()
    {
        var challenge = _server.CreateChallenges(Realm)[0];
        var credentials = new DigestClient("alice", "guess").Answer(challenge, "REGISTER", "sip:tenant-a.example");
        Assert.Equal(DigestVerification.BadResponse, _server.Verify(credentials, "REGISTER", Realm));
    }

    [Fact]
    public void Unknown_user_and_wrong_realm_are_refused()
    {
        var challenge = _server.CreateChallenges(Realm)[0];
        var bob = new DigestClient("bob", "s3cret").Answer(challenge, "REGISTER", "sip:tenant-a.example");
        Assert.Equal(DigestVerification.UnknownUser, _server.Verify(bob, "REGISTER", Realm));
        var alice = new DigestClient("alice", "s3cret").Answer(challenge, "REGISTER", "sip:tenant-a.example");
        Assert.Equal(DigestVerification.WrongRealm, _server.Verify(alice, "REGISTER", "tenant-b.example"));
    }

    [Fact]
    public void Expired_nonce_with_right_password_is_stale_so_the_client_retries_silently()
    {
        var challenge = _server.CreateChallenges(Realm)[0];
        var credentials = new DigestClient("alice", "s3cret").Answer(challenge, "REGISTER", "sip:tenant-a.example");
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(DigestVerification.StaleNonce, _server.Verify(credentials, "REGISTER", Realm));
        Assert.True(_server.CreateChallenges(Realm, stale: true)[0].ToString().Contains("stale=true", StringComparison.Ordinal));
    }

    [Fact]
    public void Replayed_nonce_count_is_refused_and_a_higher_one_accepted()
    {
        var challenge = _server.CreateChallenges(Realm)[0];
        var client = new DigestClient("alice", "s3cret");
        var first = client.Answer(challenge, "INVITE", "sip:100@tenant-a.example");
        Assert.Equal(DigestVerification.Authenticated, _server.Verify(first, "INVITE", Realm));
        Assert.Equal(DigestVerification.Replayed, _server.Verify(first, "INVITE", Realm));
        var second = client.Answer(challenge, "INVITE", "sip:100@tenant-a.example");
        Assert.Equal(2u, second.NonceCount);
        Assert.Equal(DigestVerification.Authenticated, _server.Verify(second, "INVITE", Realm));
    }

    [Fact]
    public void Forged_or_foreign_nonce_is_invalid()
    {
        var otherServer = new DigestNonceService("ffffffffffffffffffffffffffffffff"u8, TimeSpan.FromMinutes(5), _time);
        var foreign = new DigestChallenge { Realm = Realm, Nonce = otherServer.Create(Realm), Algorithm = DigestAlgorithm.Sha256, QopOptions = ["auth"] };
        var credentials = new DigestClient("alice", "s3cret").Answer(foreign, "REGISTER", "sip:tenant-a.example");
        Assert.Equal(DigestVerification.InvalidNonce, _server.Verify(credentials, "REGISTER", Realm));
        var garbage = credentials with { Nonce = "not-a-nonce!" };
        Assert.Equal(DigestVerification.InvalidNonce, _server.Verify(garbage, "REGISTER", Realm));
    }

    [Fact]
    public void Altered_method_or_uri_breaks_the_response()
    {
        var challenge = _server.CreateChallenges(Realm)[0];
        var credentials = new DigestClient("alice", "s3cret").Answer(challenge, "REGISTER", "sip:tenant-a.example");
        Assert.Equal(DigestVerification.BadResponse, _server.Verify(credentials, "INVITE", Realm));
        Assert.Equal(DigestVerification.UriMismatch, _server.Verify(credentials, "REGISTER", Realm, "sip:other.example"));
    }

    [Fact]
    public void Nonce_of_one_realm_is_invalid_in_another()
    {
        var challenge = _server.CreateChallenges("tenant-b.example")[0];
        var credentials = new DigestClient("alice", "s3cret").Answer(challenge with { Realm = Realm }, "REGISTER", "sip:x");
        Assert.Equal(DigestVerification.InvalidNonce, _server.Verify(credentials, "REGISTER", Realm));
    }
}
