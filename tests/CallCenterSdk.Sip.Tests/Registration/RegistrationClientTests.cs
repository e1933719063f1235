using System.Net;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Tests.UserAgent;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.Registration;

public sealed class RegistrationClientTests : IAsyncLifetime
{
    private readonly LocationService _locations = new();
    private SipStack _server = null!;
    private SipStack _client = null!;

    public async Task InitializeAsync()
    {
        var nonces = new DigestNonceService("registration-client-test-key-01"u8, TimeSpan.FromMinutes(5), TimeProvider.System);
        var authenticator = new DigestAuthenticator(nonces, (realm, user, algorithm) => user == "alice" ? DigestAuthenticator.Secret(algorithm, user, realm, "pw") : null);
        var registrar = new Registrar(new RegistrarOptions
        {
            ResolveDomain = host => host == "tenant-a.example" ? new RegistrarDomain("tenant-a", "tenant-a.example") : null,
            MinExpires = TimeSpan.FromSeconds(3),
        }, _locations, authenticator);
        var serverAgent = new SipUserAgent();
        serverAgent.RequestHandlers.Add(registrar);
        _server = await StartAsync(serverAgent);
        _client = await StartAsync(new SipUserAgent());
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    private RegistrationClientOptions Options(string password, TimeSpan expires) => new()
    {
        RegistrarUri = "sip:tenant-a.example",
        Registrar = new SipEndpoint(SipTransportProtocol.Udp, _server.Transports[0].LocalEndPoint),
        AddressOfRecord = "sip:alice@tenant-a.example",
        Username = "alice",
        Password = password,
        ContactUser = "alice",
        Expires = expires,
    };

    [Fact]
    public async Task Client_answers_the_challenge_follows_min_expires_and_refreshes_before_expiry_then_unregisters()
    {
        // Asks for 1 s; the registrar's 423 says at least 3 s; refreshes at 80 % keep the binding alive.
        await using var client = new RegistrationClient(_client, Options("pw", TimeSpan.FromSeconds(1)));
        client.Start();
        await WaitUntilAsync(() => client.SuccessfulRegistrations >= 3, TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(3), client.GrantedExpires);
        Assert.True(client.IsRegistered);
        Assert.Single(_locations.Lookup("tenant-a", "sip:alice@tenant-a.example"));

        await client.StopAsync();
        Assert.False(client.IsRegistered);
        Assert.Empty(_locations.Lookup("tenant-a", "sip:alice@tenant-a.example"));
    }

    [Fact]
    public async Task Wrong_password_fails_with_the_registrars_status()
    {
        await using var client = new RegistrationClient(_client, Options("wrong", TimeSpan.FromSeconds(60)));
        var failed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Failed += (_, code, _) => failed.TrySetResult(code);
        client.Start();
        Assert.Equal(403, await failed.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(client.IsRegistered);
    }

    [Fact]
    public async Task Client_answers_a_proxys_407_with_proxy_authorization_and_refreshes_with_the_next_nonce_count()
    {
        using var proxy = new ScriptedPeer();
        var authenticator = new DigestAuthenticator(
            new DigestNonceService("proxy-407-nonce-key-0123456789ab"u8, TimeSpan.FromMinutes(5), TimeProvider.System),
            (realm, user, algorithm) => user == "alice" ? DigestAuthenticator.Secret(algorithm, user, realm, "pw") : null);
        await using var client = new RegistrationClient(_client, new RegistrationClientOptions
        {
            RegistrarUri = "sip:tenant-a.example",
            Registrar = new SipEndpoint(SipTransportProtocol.Udp, proxy.EndPoint),
            AddressOfRecord = "sip:alice@tenant-a.example",
            Username = "alice",
            Password = "pw",
            ContactUser = "alice",
            Expires = TimeSpan.FromSeconds(2),
        });
        client.Start();

        var (message, from) = await proxy.ReceiveRequestAsync(SipMethod.Register);
        var first = (SipRequest)message;
        Assert.Null(first.Headers["Proxy-Authorization"]);
        var challenge = SipMessageBuilder.CreateResponse(first, 407, toTag: "proxy");
        foreach (var c in authenticator.CreateChallenges("proxy.example"))
        {
            challenge.AddHeader("Proxy-Authenticate", c.ToString());
        }

        await proxy.SendAsync(challenge.Build(), from);
        var second = (SipRequest)(await proxy.ReceiveRequestAsync(SipMethod.Register)).Message;
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.CSeq.Number + 1, second.CSeq.Number);
        Assert.Null(second.Headers["Authorization"]); // a 407 is answered in Proxy-Authorization, not Authorization
        var credentials = DigestCredentials.Parse(second.Headers["Proxy-Authorization"]!);
        Assert.Equal(DigestVerification.Authenticated, authenticator.Verify(credentials, "REGISTER", "proxy.example", "sip:tenant-a.example"));
        await proxy.SendAsync(Ok(second, 2), from);
        await WaitUntilAsync(() => client.IsRegistered, TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(2), client.GrantedExpires);

        // The refresh at 80 % of 2 s carries the proxy's credentials again, unasked, with nonce count 2 (RFC 7616 §3.4).
        var refresh = (SipRequest)(await proxy.ReceiveAsync(m => m is SipRequest { Method.Name: "REGISTER" }, timeoutMs: 8000)).Message;
        var again = DigestCredentials.Parse(refresh.Headers["Proxy-Authorization"]!);
        Assert.Equal((credentials.Nonce, 2u), (again.Nonce, again.NonceCount));
        Assert.Equal(DigestVerification.Authenticated, authenticator.Verify(again, "REGISTER", "proxy.example", "sip:tenant-a.example"));
        Assert.Equal(second.CSeq.Number + 1, refresh.CSeq.Number);
    }

    private static SipMessage Ok(SipRequest register, int expires) =>
        SipMessageBuilder.CreateResponse(register, 200, toTag: "proxy")
            .AddHeader("Contact", $"{register.Contacts[0]};expires={expires}")
            .Build();

    private static async Task<SipStack> StartAsync(SipUserAgent agent)
    {
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();
        return stack;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(50);
        }
    }
}
