using CallCenterSdk.Hosting.Tests.EndToEnd;

namespace CallCenterSdk.Hosting.Tests.Sip;

/// <summary>
/// Why a center that serves baresip 1.0 phones challenges with MD5 only (<c>Sip:DigestAlgorithms = ["MD5"]</c>, as the
/// reference configuration does): baresip's SIP library (libre) reads every WWW-Authenticate of a 401 and gives up on
/// the whole registration ("Register: Function not implemented", ENOSYS) when any of them names an algorithm other than
/// MD5, whatever the order; it does not pick the one it supports (RFC 8760 §2.4). Run with Globex's identity through
/// the center as outbound proxy, as the reference center's second tenant is reached.
/// </summary>
public sealed class BaresipDigestAlgorithmTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(new[] { "MD5" }, true)]
    [InlineData(new[] { "MD5", "SHA-256" }, false)]
    [InlineData(new[] { "SHA-256", "MD5" }, false)]
    public async Task Baresip_registers_only_when_every_challenge_is_md5(string[] algorithms, bool registers)
    {
        await using var center = await TestCenter.StartAsync(o =>
        {
            foreach (var algorithm in algorithms)
            {
                o.Sip.DigestAlgorithms.Add(algorithm);
            }
        });
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        center.Sip.RegistrationChanged += r => { if (r.Tenant == "globex" && r.Contacts.Count > 0) { registered.TrySetResult(); } };
        var port = center.Sip.EndPoints[0].EndPoint.Port;
        await using var phone = await BaresipAgentPhone.StartAsync(
            Path.Combine(center.Directory, "baresip"), port, "1001", "sip-" + TestCenter.Password, 700, domain: "globex.callcenter");

        if (registers)
        {
            await registered.Task.WaitAsync(Patience);
            Assert.Equal(["sip:1001@globex.callcenter"], center.Sip.RegisteredAddresses("globex"));
        }
        else
        {
            await phone.WaitForOutputAsync("Register: Function not implemented", Patience);
            Assert.False(registered.Task.IsCompleted);
            Assert.Empty(center.Sip.RegisteredAddresses("globex"));
        }
    }
}
