using System.Net;
using System.Text;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Sip.Tests.Registration;

public class RegistrarTests
{
    private static readonly SipEndpoint Phone = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.5"), 5062));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly Registrar _registrar;
    private uint _cseq = 1;

    public RegistrarTests()
    {
        var users = new Dictionary<(string Realm, string User), string>
        {
            [("a.example", "alice")] = "alice-pw",
            [("b.example", "alice")] = "other-alice-pw",
            [("a.example", "bob")] = "bob-pw",
        };
        var nonces = new DigestNonceService("registrar-test-key-0123456789"u8, TimeSpan.FromMinutes(5), _time);
        var authenticator = new DigestAuthenticator(nonces, (realm, user, algorithm) =>
            users.TryGetValue((realm, user), out var pw) ? DigestAuthenticator.Secret(algorithm, user, realm, pw) : null);
        _registrar = new Registrar(
            new RegistrarOptions
            {
                ResolveDomain = host => host switch
                {
                    "a.example" => new RegistrarDomain("tenant-a", "a.example"),
                    "b.example" => new RegistrarDomain("tenant-b", "b.example"),
                    _ => null,
                },
            },
            new LocationService(_time),
            authenticator);
    }

    [Fact]
    public void Register_without_credentials_is_challenged_with_sha256_and_md5()
    {
        var response = _registrar.Process(Register("a.example", "alice", ["<sip:alice@127.0.0.5:5062>"]), Phone);
        Assert.Equal(401, response.StatusCode);
        var challenges = response.Headers.GetAll("WWW-Authenticate").Select(h => DigestChallenge.Parse(h.Value)).ToList();
        Assert.Equal(["SHA-256", "MD5"], challenges.Select(c => c.Algorithm.Name));
        Assert.All(challenges, c => Assert.Equal("a.example", c.Realm));
    }

    [Fact]
    public void Authenticated_register_binds_the_contact_and_lists_it_with_its_expiry()
    {
        var response = RegisterWithAuth("a.example", "alice", "alice-pw", ["<sip:alice@127.0.0.5:5062>;expires=600"]);
        Assert.Equal(200, response.StatusCode);
        var contact = Assert.Single(response.Contacts);
        Assert.Equal("600", contact.Parameters["expires"]);
        var binding = Assert.Single(_registrar.Locations.Lookup("tenant-a", "sip:alice@a.example"));
        Assert.Equal(Phone, binding.Source);
        _time.Advance(TimeSpan.FromSeconds(601));
        Assert.Empty(_registrar.Locations.Lookup("tenant-a", "sip:alice@a.example"));
    }

    [Fact]
    public void Contacts_are_ordered_by_q_value()
    {
        RegisterWithAuth("a.example", "alice", "alice-pw", ["<sip:desk@127.0.0.5>;q=0.5", "<sip:mobile@127.0.0.6>;q=0.9"]);
        var bindings = _registrar.Locations.Lookup("tenant-a", "sip:alice@a.example");
        Assert.Equal(["sip:mobile@127.0.0.6", "sip:desk@127.0.0.5"], bindings.Select(b => b.Contact));
    }

    [Fact]
    public void Too_short_expiry_gets_423_with_min_expires()
    {
        var response = RegisterWithAuth("a.example", "alice", "alice-pw", ["<sip:alice@127.0.0.5>"], expires: 10);
        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers["Min-Expires"]);
    }

    [Fact]
    public void Wildcard_with_expires_zero_removes_every_binding_and_otherwise_is_400()
    {
        RegisterWithAuth("a.example", "alice", "alice-pw", ["<sip:a@127.0.0.5>", "<sip:b@127.0.0.6>"]);
        Assert.Equal(400, RegisterWithAuth("a.example", "alice", "alice-pw", ["*"], expires: 3600).StatusCode);
        Assert.Equal(200, RegisterWithAuth("a.example", "alice", "alice-pw", ["*"], expires: 0).StatusCode);
        Assert.Empty(_registrar.Locations.Lookup("tenant-a", "sip:alice@a.example"));
    }

    [Fact]
    public void A_user_cannot_register_someone_elses_address()
    {
        var response = RegisterWithAuth("a.example", "bob", "bob-pw", ["<sip:x@127.0.0.5>"], toUser: "alice");
        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public void Wrong_password_is_forbidden_and_unknown_domain_not_found()
    {
        Assert.Equal(403, RegisterWithAuth("a.example", "alice", "wrong", ["<sip:alice@127.0.0.5>"]).StatusCode);
        Assert.Equal(404, _registrar.Process(Register("c.example", "alice", ["<sip:alice@127.0.0.5>"]), Phone).StatusCode);
    }

    [Fact]
    public void Expired_nonce_is_challenged_again_as_stale()
    {
        var challenge = DigestChallenge.Parse(_registrar.Process(Register("a.example", "alice", ["<sip:alice@127.0.0.5>"]), Phone).Headers["WWW-Authenticate"]!);
        _time.Advance(TimeSpan.FromMinutes(6));
        var credentials = new DigestClient("alice", "alice-pw").Answer(challenge, "REGISTER", "sip:a.example");
        var response = _registrar.Process(Register("a.example", "alice", ["<sip:alice@127.0.0.5>"], authorization: credentials.ToString()), Phone);
        Assert.Equal(401, response.StatusCode);
        Assert.Contains("stale=true", response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public void Older_cseq_from_the_same_call_id_is_refused_and_changes_nothing()
    {
        RegisterWithAuth("a.example", "alice", "alice-pw", ["<sip:alice@127.0.0.5>"], callId: "reg-1");
        _cseq = 1; // a delayed, older REGISTER of the same registration
        var stale = RegisterWithAuth("a.example", "alice", "alice-pw", ["<sip:alice@127.0.0.5>;expires=0"], callId: "reg-1");
        Assert.Equal(500, stale.StatusCode);
        Assert.Single(_registrar.Locations.Lookup("tenant-a", "sip:alice@a.example"));
    }

    [Fact]
    public void Tenants_with_the_same_user_name_are_isolated()
    {
        RegisterWithAuth("a.example", "alice", "alice-pw", ["<sip:alice@127.0.0.5>"]);
        Assert.Equal(403, RegisterWithAuth("b.example", "alice", "alice-pw", ["<sip:alice@127.0.0.9>"]).StatusCode);
        RegisterWithAuth("b.example", "alice", "other-alice-pw", ["<sip:alice@127.0.0.9>"]);
        Assert.Equal("sip:alice@127.0.0.5", Assert.Single(_registrar.Locations.Lookup("tenant-a", "sip:alice@a.example")).Contact);
        Assert.Equal("sip:alice@127.0.0.9", Assert.Single(_registrar.Locations.Lookup("tenant-b", "sip:alice@b.example")).Contact);
        Assert.Empty(_registrar.Locations.Lookup("tenant-b", "sip:alice@a.example"));
    }

    private SipResponse RegisterWithAuth(string domain, string user, string password, string[] contacts, uint? expires = null, string? toUser = null, string callId = "reg-call")
    {
        var first = _registrar.Process(Register(domain, toUser ?? user, contacts, expires, callId: callId), Phone);
        Assert.Equal(401, first.StatusCode);
        var challenge = DigestChallenge.Parse(first.Headers.GetAll("WWW-Authenticate").First().Value);
        var credentials = new DigestClient(user, password).Answer(challenge, "REGISTER", $"sip:{domain}");
        return _registrar.Process(Register(domain, toUser ?? user, contacts, expires, credentials.ToString(), callId), Phone);
    }

    private SipRequest Register(string domain, string user, string[] contacts, uint? expires = null, string? authorization = null, string callId = "reg-call")
    {
        var text = new StringBuilder()
            .Append($"REGISTER sip:{domain} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/UDP 127.0.0.5:5062;branch=z9hG4bK-reg-{_cseq}\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"From: <sip:{user}@{domain}>;tag=reg\r\n")
            .Append($"To: <sip:{user}@{domain}>\r\n")
            .Append($"Call-ID: {callId}\r\n")
            .Append($"CSeq: {_cseq++} REGISTER\r\n");
        foreach (var contact in contacts)
        {
            text.Append($"Contact: {contact}\r\n");
        }

        if (expires is { } e)
        {
            text.Append($"Expires: {e}\r\n");
        }

        if (authorization is not null)
        {
            text.Append($"Authorization: {authorization}\r\n");
        }

        text.Append("Content-Length: 0\r\n\r\n");
        return (SipRequest)SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
