using System.Globalization;
using System.Net;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Sip.Tests.Interop;

/// <summary>SIPp registers with MD5 digest authentication against our registrar, then unregisters.</summary>
[Collection("interop")]
public class SippRegisterTests
{
    [Fact]
    public async Task Sipp_registers_with_md5_digest_and_unregisters()
    {
        var port = FreePort.Next();
        var locations = new LocationService();
        var nonces = new DigestNonceService("interop-registrar-key-0123456789"u8, TimeSpan.FromMinutes(5), TimeProvider.System);
        var authenticator = new DigestAuthenticator(nonces,
            (realm, user, algorithm) => user == "alice" ? DigestAuthenticator.Secret(algorithm, user, realm, "s3cret") : null,
            [DigestAlgorithm.Md5]);
        var registrar = new Registrar(new RegistrarOptions { ResolveDomain = _ => new RegistrarDomain("tenant-a", "tenant-a.example") }, locations, authenticator);
        var registered = 0;
        registrar.Registered += (tenant, aor, bindings) => { if (bindings.Count > 0) { Interlocked.Increment(ref registered); } };
        var agent = new SipUserAgent();
        agent.RequestHandlers.Add(registrar);
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, port)));
        await using var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();

        var scenario = Path.Combine(AppContext.BaseDirectory, "Interop", "Scenarios", "register_md5.xml");
        var result = await Sipp.RunAsync(
            ["-sf", scenario, $"127.0.0.1:{port}", "-i", "127.0.0.1", "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture),
             "-s", "alice", "-au", "alice", "-ap", "s3cret", "-m", "20", "-r", "20", "-timeout", "30s", "-recv_timeout", "5000"],
            TimeSpan.FromSeconds(45));
        Assert.True(result.ExitCode == 0 && result.SuccessfulCalls == 20 && result.FailedCalls == 0, result.ToString());
        Assert.Equal(20, registered);
        Assert.Empty(locations.Lookup("tenant-a", "sip:alice@127.0.0.1")); // every registration was removed again
    }
}
