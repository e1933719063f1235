using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Tests.Stack;

/// <summary>
/// On the system clock the stack's timers run on a thread of its own, which never runs the transaction user's
/// handlers: a handler that blocks must not stop every retransmission and timeout of the stack.
/// </summary>
public class ClockThreadTests
{
    private sealed class BlockingUser : ITransactionUser
    {
        public readonly TaskCompletionSource<string?> FirstTimeout = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnTransactionEvent(SipStack stack, TransactionEvent transactionEvent)
        {
            if (transactionEvent.Kind == TransactionEventKind.Timeout && FirstTimeout.TrySetResult(Thread.CurrentThread.Name))
            {
                Thread.Sleep(1500); // a handler that blocks
            }
        }
    }

    [Fact]
    public async Task Timeouts_are_delivered_off_the_clock_thread_and_retransmissions_go_on_while_a_handler_blocks()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var user = new BlockingUser();
        var options = new SipStackOptions { Timers = new SipTimerSettings { T1 = TimeSpan.FromMilliseconds(40), T2 = TimeSpan.FromMilliseconds(100) } };
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        await using var stack = new SipStack(options, user);
        await stack.StartAsync();
        var destination = new SipEndpoint(SipTransportProtocol.Udp, (IPEndPoint)silent.LocalEndPoint!);

        // The first request times out after 64*T1 = 2.56 s; the second, sent 1.5 s later (so it lives until 4.06 s),
        // retransmits while the first one's Timeout handler sleeps for 1.5 s.
        stack.SendRequest(Options("clock-1"), destination);
        await Task.Delay(1500);
        stack.SendRequest(Options("clock-2"), destination);
        var handlerThread = await user.FirstTimeout.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEqual("SIP transaction clock", handlerThread);

        // While the handler sleeps, the second transaction's Timer E (every T2 = 100 ms by now) keeps firing: its
        // retransmissions arrive. What came before is drained first.
        var during = 0;
        var buffer = new byte[65_535];
        while (silent.Available > 0)
        {
            silent.Receive(buffer);
        }

        var until = DateTime.UtcNow.AddMilliseconds(1000);
        while (DateTime.UtcNow < until)
        {
            using var cts = new CancellationTokenSource(until - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            try
            {
                var received = await silent.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (Encoding.ASCII.GetString(buffer, 0, received).Contains("Call-ID: clock-2", StringComparison.Ordinal))
                {
                    during++;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Assert.True(during >= 3, $"{during} retransmissions of the second request arrived while the handler blocked");
    }

    private static Messages.SipRequest Options(string callId) => (Messages.SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
        $"OPTIONS sip:nobody@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-{callId}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:clock@127.0.0.1>;tag=c\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: {callId}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
}
