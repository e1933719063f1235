using System.Net.Http.Json;
using System.Text.Json;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Hosting.Tests.Sip;

/// <summary>
/// A real SIP phone (baresip, Debian package) registers as agent alice of tenant acme at the center's own address
/// (acme is the <c>Sip:AddressTenant</c>; baresip sends to the AOR's host, it has no DNS here) over UDP and TCP:
/// challenged in acme's realm, accepted with the agent's digest password; a wrong password never registers.
/// </summary>
public sealed class BaresipRegistrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Config(string directory, int sipPort, string transport, string password)
    {
        Directory.CreateDirectory(directory);
        int phonePort = FreePort.Next();
        File.WriteAllText(Path.Combine(directory, "config"), $"""
            sip_listen      127.0.0.1:{phonePort}
            net_interface   127.0.0.1
            dns_server      127.0.0.1:53
            audio_player    aubridge,nowhere
            audio_alert     aubridge,nowhere
            audio_source    aubridge,nowhere
            module_path     /usr/lib/baresip/modules
            module          g711.so
            module          aubridge.so
            module_tmp      account.so
            module_app      menu.so
            """);
        File.WriteAllText(Path.Combine(directory, "accounts"),
            $"<sip:1001@127.0.0.1:{sipPort};transport={transport}>;auth_pass={password};regint=120\n");
        return directory;
    }

    private static async Task<bool> PhoneRegisteredAsync(TestCenter center, HttpClient alice)
    {
        var view = await alice.GetFromJsonAsync<JsonElement>("/api/tenants/acme/agent");
        return view.GetProperty("phoneRegistered").GetBoolean();
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Baresip_registers_as_an_agent_phone_with_digest_auth(string transport)
    {
        var baresip = NativeTool.Require("baresip", "baresip");
        await using var center = await TestCenter.StartAsync(o =>
        {
            o.Sip.AddressTenant = "acme";
            o.Sip.DigestAlgorithms.Add("MD5");
        });
        var registered = new TaskCompletionSource<CallCenterSdk.Hosting.Sip.PhoneRegistration>(TaskCreationOptions.RunContinuationsAsynchronously);
        center.Sip.RegistrationChanged += r => { if (r.Contacts.Count > 0) { registered.TrySetResult(r); } };
        var port = center.Sip.EndPoints[0].EndPoint.Port;
        var directory = Config(Path.Combine(center.Directory, "baresip"), port, transport, "sip-" + TestCenter.Password);
        await using var phone = PeerProcess.Start(baresip, ["-f", directory, "-t", "40"]);
        using var alice = await center.SignInAsync("acme", "alice");

        var registration = await registered.Task.WaitAsync(Patience);
        Assert.Equal("acme", registration.Tenant);
        Assert.Equal("alice", registration.Agent);
        Assert.Equal("1001", registration.Extension);
        Assert.True(await PhoneRegisteredAsync(center, alice), phone.StandardOutput + phone.StandardError);
        var binding = Assert.Single(center.Sip.Locations.Lookup("acme", "sip:1001@127.0.0.1"));
        Assert.Contains("127.0.0.1", binding.Contact, StringComparison.Ordinal);
        Assert.Equal(transport == "tcp", binding.Source.IsReliable);
        Assert.Empty(center.Sip.RegisteredAddresses("globex"));
        Assert.Equal(["sip:1001@127.0.0.1"], center.Sip.RegisteredAddresses("acme"));
        var bob = await center.SignInAsync("acme", "bob");
        Assert.False(await PhoneRegisteredAsync(center, bob));
    }

    [Fact]
    public async Task Baresip_with_a_wrong_password_is_refused_and_never_registered()
    {
        var baresip = NativeTool.Require("baresip", "baresip");
        await using var center = await TestCenter.StartAsync(o =>
        {
            o.Sip.AddressTenant = "acme";
            o.Sip.DigestAlgorithms.Add("MD5");
        });
        var changes = 0;
        center.Sip.RegistrationChanged += _ => Interlocked.Increment(ref changes);
        var port = center.Sip.EndPoints[0].EndPoint.Port;
        var directory = Config(Path.Combine(center.Directory, "baresip"), port, "udp", "wrong-password");
        await using var phone = PeerProcess.Start(baresip, ["-f", directory, "-t", "20"]);
        // baresip reports the final refusal; until then nothing may be bound.
        await phone.WaitForOutputAsync("403", Patience);
        Assert.Equal(0, Volatile.Read(ref changes));
        Assert.Empty(center.Sip.RegisteredAddresses("acme"));
    }
}
