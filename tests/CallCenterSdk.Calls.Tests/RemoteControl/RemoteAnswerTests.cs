using System.Net;
using CallCenterSdk.Calls.RemoteControl;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.Tests.RemoteControl;

/// <summary>
/// Remote answer: a center (one engine) sends its agent's ringing phone (another engine) NOTIFY Event: talk; the
/// phone answers the call that center sent, only when it trusts the center, and says why not otherwise.
/// </summary>
public class RemoteAnswerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Without_the_option_a_talk_notify_gets_405_and_the_call_keeps_ringing()
    {
        await using var engines = new Engines();
        var center = await engines.StartAsync();
        var phone = await engines.StartAsync();
        var answered = 0;
        phone.RemoteAnswered += (_, _) => Interlocked.Increment(ref answered);
        var ringing = Engines.OnIncomingCall(phone, leg => leg.Ring());

        var call = center.Dial(Engines.UriOf(phone, "1001"), "<sip:center@127.0.0.1>");
        var leg = await ringing.WaitAsync(Timeout);
        Assert.Equal(405, await TalkAsync(center, phone));
        Assert.Equal(CallLegState.Ringing, leg.State);
        Assert.NotEqual(CallLegState.Connected, call.State);
        Assert.Equal(0, Volatile.Read(ref answered));
    }

    [Fact]
    public async Task A_talk_notify_from_an_untrusted_source_gets_403_and_the_call_keeps_ringing()
    {
        await using var engines = new Engines();
        var center = await engines.StartAsync();
        var stranger = await engines.StartAsync();
        var phone = await StartPhoneAsync(engines, Engines.EndPointOf(center).Remote);
        var ringing = Engines.OnIncomingCall(phone, leg => leg.Ring());

        var call = center.Dial(Engines.UriOf(phone, "1001"), "<sip:center@127.0.0.1>");
        var leg = await ringing.WaitAsync(Timeout);
        // Same address (loopback), another port: not the center.
        Assert.Equal(403, await TalkAsync(stranger, phone));
        Assert.Equal(CallLegState.Ringing, leg.State);
        Assert.NotEqual(CallLegState.Connected, call.State);
        Assert.Equal(200, await TalkAsync(center, phone));
        await call.WaitForAnswerAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_trusted_talk_notify_answers_the_oldest_call_ringing_from_that_source_and_raises_RemoteAnswered()
    {
        await using var engines = new Engines();
        var center = await engines.StartAsync();
        var other = await engines.StartAsync();
        var phone = await StartPhoneAsync(engines, Engines.EndPointOf(center).Remote, Engines.EndPointOf(other).Remote);
        var legs = new List<CallLeg>();
        phone.IncomingCall += leg =>
        {
            leg.Ring();
            lock (legs)
            {
                legs.Add(leg);
            }
        };
        var remoteAnswered = new TaskCompletionSource<(CallLeg Leg, SipEndpoint Source)>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.RemoteAnswered += (leg, source) => remoteAnswered.TrySetResult((leg, source));

        // Oldest first: a call from another (trusted) server, then two from the center; each rings before the next.
        int Ringing()
        {
            lock (legs)
            {
                return legs.Count;
            }
        }

        var fromOther = other.Dial(Engines.UriOf(phone, "1001"), "<sip:other@127.0.0.1>");
        await CallLegTests.WaitUntil(() => Ringing() == 1);
        var first = center.Dial(Engines.UriOf(phone, "1001"), "<sip:first@127.0.0.1>");
        await CallLegTests.WaitUntil(() => Ringing() == 2);
        var second = center.Dial(Engines.UriOf(phone, "1001"), "<sip:second@127.0.0.1>");
        await CallLegTests.WaitUntil(() => Ringing() == 3);

        Assert.Equal(200, await TalkAsync(center, phone));
        await first.WaitForAnswerAsync().WaitAsync(Timeout);
        var (answered, source) = await remoteAnswered.Task.WaitAsync(Timeout);
        Assert.Equal("first", answered.RemoteNumber);
        // The phone's leg is connected once the center's ACK arrives, which may be after the center's leg connected.
        await answered.WaitForAnswerAsync().WaitAsync(Timeout);
        Assert.Equal(CallLegState.Connected, answered.State);
        Assert.Equal(Engines.EndPointOf(center).Remote, source.Remote);
        Assert.NotEqual(CallLegState.Connected, second.State);
        Assert.NotEqual(CallLegState.Connected, fromOther.State);

        // The next one answers the second call; the other server's call is only answered by that server.
        Assert.Equal(200, await TalkAsync(center, phone));
        await second.WaitForAnswerAsync().WaitAsync(Timeout);
        Assert.Equal(481, await TalkAsync(center, phone));
        Assert.NotEqual(CallLegState.Connected, fromOther.State);
        Assert.Equal(200, await TalkAsync(other, phone));
        await fromOther.WaitForAnswerAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_trusted_talk_notify_with_nothing_ringing_gets_481()
    {
        await using var engines = new Engines();
        var center = await engines.StartAsync();
        var phone = await StartPhoneAsync(engines, new IPEndPoint(IPAddress.Loopback, 0)); // every port of 127.0.0.1
        var answeredByHand = Engines.OnIncomingCall(phone, leg =>
        {
            leg.Ring();
            leg.Answer();
        });

        Assert.Equal(481, await TalkAsync(center, phone));

        // A call already answered on the phone is not ringing either.
        var call = center.Dial(Engines.UriOf(phone, "1001"), "<sip:center@127.0.0.1>");
        await call.WaitForAnswerAsync().WaitAsync(Timeout);
        Assert.Equal(481, await TalkAsync(center, phone));
        var byHand = await answeredByHand.WaitAsync(Timeout);
        await byHand.WaitForAnswerAsync().WaitAsync(Timeout); // connected when the center's ACK arrives
        Assert.Equal(CallLegState.Connected, byHand.State);
    }

    [Fact]
    public async Task A_trust_predicate_decides_for_sources_not_listed()
    {
        await using var engines = new Engines();
        var center = await engines.StartAsync();
        var asked = new List<SipEndpoint>();
        var phone = await engines.StartAsync(
            new CallEngineOptions
            {
                RemoteAnswer = new RemoteAnswerOptions
                {
                    IsTrusted = source =>
                    {
                        lock (asked)
                        {
                            asked.Add(source);
                        }

                        return source.Remote.Port == Engines.EndPointOf(center).Remote.Port;
                    },
                },
            });
        var ringing = Engines.OnIncomingCall(phone, leg => leg.Ring());
        var call = center.Dial(Engines.UriOf(phone, "1001"), "<sip:center@127.0.0.1>");
        await ringing.WaitAsync(Timeout);

        Assert.Equal(200, await TalkAsync(center, phone));
        await call.WaitForAnswerAsync().WaitAsync(Timeout);
        lock (asked)
        {
            Assert.Equal(Engines.EndPointOf(center).Remote, Assert.Single(asked).Remote);
        }
    }

    [Fact]
    public void Trust_compares_address_and_port_with_port_0_for_any_port()
    {
        var options = new RemoteAnswerOptions { TrustedSources = [new IPEndPoint(IPAddress.Parse("10.0.0.5"), 5060), new IPEndPoint(IPAddress.Parse("10.0.0.6"), 0)] };

        Assert.True(options.Trusts(new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("10.0.0.5"), 5060))));
        Assert.True(options.Trusts(new SipEndpoint(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("::ffff:10.0.0.5"), 5060))));
        Assert.False(options.Trusts(new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("10.0.0.5"), 5070))));
        Assert.True(options.Trusts(new SipEndpoint(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("10.0.0.6"), 41234))));
        Assert.False(options.Trusts(new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("10.0.0.7"), 5060))));
        Assert.False(new RemoteAnswerOptions().Trusts(new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5060))));
    }

    private static Task<CallEngine> StartPhoneAsync(Engines engines, params IPEndPoint[] trusted) =>
        engines.StartAsync(new CallEngineOptions { RemoteAnswer = new RemoteAnswerOptions { TrustedSources = trusted } });

    /// <summary>A NOTIFY Event: talk from <paramref name="source"/> to the phone's 1001; the status it gets.</summary>
    private static async Task<int> TalkAsync(CallEngine source, CallEngine phone) =>
        (await source.RequestRemoteAnswerAsync(Engines.UriOf(phone, "1001"), Engines.EndPointOf(phone)).WaitAsync(Timeout)).StatusCode;
}
