using System.Net;
using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.UserAgent;

/// <summary>A user agent on a loopback stack facing a <see cref="ScriptedPeer"/>; the base of the user-agent tests.</summary>
public abstract class UserAgentHarness : IAsyncLifetime
{
    protected const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n";

    internal ScriptedPeer Peer { get; } = new();

    protected UserAgentHarness()
        : this(new SipUserAgentOptions { ContactUser = "ua" })
    {
    }

    protected UserAgentHarness(SipUserAgentOptions options, TimeProvider? time = null)
    {
        Time = time;
        Agent = new SipUserAgent(options, time);
    }

    protected SipUserAgent Agent { get; }

    /// <summary>The clock of the agent and its stack (null: the system clock).</summary>
    protected TimeProvider? Time { get; }

    /// <summary>Transaction timers of the stack.</summary>
    protected virtual SipTimerSettings Timers => new();

    protected SipStack Stack { get; private set; } = null!;

    /// <summary>Everything the stack logged (a transaction user's exception is logged, not thrown).</summary>
    internal RecordingLoggerFactory Log { get; } = new();

    protected IPEndPoint Ours => Stack.Transports[0].LocalEndPoint;

    public async Task InitializeAsync()
    {
        var options = new SipStackOptions { Timers = Timers };
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        Stack = new SipStack(options, Agent, Time, Log);
        Agent.Attach(Stack);
        await Stack.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        Peer.Dispose();
    }

    protected InviteSession Call() => Agent.PlaceCall(
        SipUri.Parse($"sip:peer@127.0.0.1:{Peer.Port}"), NameAddress.Parse("<sip:ua@127.0.0.1>"),
        new SipEndpoint(SipTransportProtocol.Udp, Peer.EndPoint), "application/sdp", Encoding.ASCII.GetBytes(Sdp));

    /// <summary>Places a call the peer answers with tag peer-tag, and waits for our ACK.</summary>
    protected async Task<(InviteSession Session, SipRequest Invite, IPEndPoint From)> EstablishAsync()
    {
        var session = Call();
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Established += _ => established.TrySetResult();
        var (message, from) = await Peer.ReceiveRequestAsync(SipMethod.Invite);
        var invite = (SipRequest)message;
        await Peer.RespondAsync(invite, from, 200, "peer-tag", Sdp);
        await established.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Peer.ReceiveRequestAsync(SipMethod.Ack);
        return (session, invite, from);
    }

    /// <summary>Runs the actions on threads of their own, released together.</summary>
    protected static async Task RunAtOnceAsync(IEnumerable<Action> actions)
    {
        var list = actions.ToList();
        using var start = new Barrier(list.Count);
        var tasks = list.Select(action => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            action();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
