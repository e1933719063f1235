using System.Net;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.Tests;

/// <summary>The steps of the example in docs/calls.md, with assertions in place of the prints.</summary>
public class CallsDocsExampleTests
{
    [Fact]
    public async Task The_docs_example_answers_receives_digits_and_hangs_up_with_a_cause()
    {
        static SipListenEndPoint Loopback() => new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0));

        await using var service = await CallEngine.StartAsync([Loopback()]);
        await using var phone = await CallEngine.StartAsync([Loopback()]);
        var digits = new List<(char, DtmfSource)>();
        string? from = null, to = null;
        var serviceLeg = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.IncomingCall += leg =>
        {
            from = leg.RemoteNumber;
            to = leg.LocalNumber;
            leg.DtmfReceived += (_, digit, how) => { lock (digits) { digits.Add((digit, how)); } };
            leg.Ring();
            leg.Answer();
            leg.Hear(new ToneGenerator(ToneDefinition.Beep(425, 1000), AudioFormat.Narrowband));
            serviceLeg.TrySetResult(leg);
        };

        var uri = $"sip:sales@{service.Stack.Transports[0].LocalEndPoint}";
        var call = phone.Dial(uri, "<sip:alice@127.0.0.1>");
        await call.WaitForAnswerAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("PCMU", call.Media.Codec?.EncodingName);
        Assert.Equal(("alice", "sales"), (from, to));

        await call.SendDtmfAsync("12#");
        await CallLegTests.WaitUntil(() => { lock (digits) { return digits.Count == 3; } });
        await Task.Delay(500);
        var stats = call.GetStatistics();
        Assert.True(stats.PacketsReceived > 20);
        Assert.InRange(stats.Mos, 4.0, 4.5);
        var cause = await call.HangupAsync(16);
        Assert.Equal((CallEndParty.Local, 16), (cause.Party, cause.Q850Cause));
        var remote = await (await serviceLeg.Task).Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((CallEndParty.Remote, 200, 16), (remote.Party, remote.SipStatus, remote.Q850Cause));
        lock (digits)
        {
            Assert.Equal("12#", new string([.. digits.Select(d => d.Item1)]));
            Assert.All(digits, d => Assert.Equal(DtmfSource.Rfc4733, d.Item2));
        }
    }
}
