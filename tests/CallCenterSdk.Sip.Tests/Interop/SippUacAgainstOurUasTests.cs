using System.Globalization;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Sip.Tests.Interop;

/// <summary>SIPp's built-in uac scenario (INVITE, 100, 180?, 200, ACK, pause, BYE, 200) against samples/SipUas.</summary>
[Collection("interop")]
public class SippUacAgainstOurUasTests
{
    [Theory]
    [InlineData("udp", "u1")]
    [InlineData("tcp", "t1")]
    public async Task Every_sipp_call_completes(string transport, string sippTransport)
    {
        var port = FreePort.Next();
        await using var uas = await Samples.StartAsync("SipUas", ["--port", port.ToString(CultureInfo.InvariantCulture), "--transport", transport], TimeSpan.FromSeconds(30));
        var result = await Sipp.RunAsync(
            ["-sn", "uac", $"127.0.0.1:{port}", "-t", sippTransport, "-i", "127.0.0.1", "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture),
             "-r", "100", "-m", "300", "-timeout", "40s", "-recv_timeout", "5000"],
            TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0 && result.SuccessfulCalls == 300 && result.FailedCalls == 0, result.ToString());
    }

    [Theory]
    [InlineData("udp", "u1")]
    [InlineData("tcp", "t1")]
    public async Task Every_sipp_call_completes_over_ipv6(string transport, string sippTransport)
    {
        var port = FreePort.Next();
        await using var uas = await Samples.StartAsync("SipUas", ["--host", "::1", "--port", port.ToString(CultureInfo.InvariantCulture), "--transport", transport], TimeSpan.FromSeconds(30));
        var result = await Sipp.RunAsync(
            ["-sn", "uac", $"[::1]:{port}", "-t", sippTransport, "-i", "::1", "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture),
             "-r", "50", "-m", "100", "-timeout", "30s", "-recv_timeout", "5000"],
            TimeSpan.FromSeconds(45));
        Assert.True(result.ExitCode == 0 && result.SuccessfulCalls == 100 && result.FailedCalls == 0, result.ToString());
    }

    [Fact]
    public async Task Uas_hangs_up_itself_after_hold_time_and_sipp_answers_the_bye()
    {
        // sipp's uas scenario waits for our BYE; with --hold-ms our UAS sends it (in-dialog request, §12.2.1.1).
        var port = FreePort.Next();
        await using var uas = await Samples.StartAsync("SipUas", ["--port", port.ToString(CultureInfo.InvariantCulture), "--transport", "udp", "--hold-ms", "200"], TimeSpan.FromSeconds(30));
        var scenario = Path.Combine(AppContext.BaseDirectory, "Interop", "Scenarios", "uac_wait_bye.xml");
        var result = await Sipp.RunAsync(
            ["-sf", scenario, $"127.0.0.1:{port}", "-i", "127.0.0.1", "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture),
             "-r", "20", "-m", "40", "-timeout", "40s", "-recv_timeout", "5000"],
            TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0 && result.SuccessfulCalls == 40 && result.FailedCalls == 0, result.ToString());
    }
}

/// <summary>Interop tests start real processes on fixed loopback ports: run them one at a time.</summary>
[CollectionDefinition("interop", DisableParallelization = true)]
public class InteropCollection;
