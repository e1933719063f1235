using System.Collections.Concurrent;
using System.Diagnostics;
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
        public readonly TaskCompletionSource<(string? Thread, long Start, long End)> FirstTimeout = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _timeouts;

        public void OnTransactionEvent(SipStack stack, TransactionEvent transactionEvent)
        {
            if (transactionEvent.Kind == TransactionEventKind.Timeout && Interlocked.Increment(ref _timeouts) == 1)
            {
                var start = Stopwatch.GetTimestamp();
                Thread.Sleep(1500); // a handler that blocks
                FirstTimeout.TrySetResult((Thread.CurrentThread.Name, start, Stopwatch.GetTimestamp()));
            }
        }
    }

    [Fact]
    public async Task Timeouts_are_delivered_off_the_clock_thread_and_retransmissions_go_on_while_a_handler_blocks()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        // Every datagram the silent peer gets, stamped on arrival by a thread of its own (not the busy test pool).
        var arrivals = new ConcurrentQueue<(long At, string Text)>();
        var reader = new Thread(() =>
        {
            var buffer = new byte[65_535];
            try
            {
                while (true)
                {
                    var n = silent.Receive(buffer);
                    arrivals.Enqueue((Stopwatch.GetTimestamp(), Encoding.ASCII.GetString(buffer, 0, n)));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // closed at the end of the test
            }
        }) { IsBackground = true };
        reader.Start();

        var user = new BlockingUser();
        var options = new SipStackOptions { Timers = new SipTimerSettings { T1 = TimeSpan.FromMilliseconds(40), T2 = TimeSpan.FromMilliseconds(100) } };
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        await using var stack = new SipStack(options, user);
        await stack.StartAsync();
        var destination = new SipEndpoint(SipTransportProtocol.Udp, (IPEndPoint)silent.LocalEndPoint!);

        // The first request times out after 64*T1 = 2.56 s; the second, sent 2 s later (so it lives until 4.56 s),
        // retransmits every T2 = 100 ms while the first one's Timeout handler sleeps for 1.5 s.
        stack.SendRequest(Options("clock-1"), destination);
        await Task.Delay(2000);
        stack.SendRequest(Options("clock-2"), destination);
        var (thread, start, end) = await user.FirstTimeout.Task.WaitAsync(TimeSpan.FromSeconds(20));
        silent.Close();
        reader.Join();

        Assert.NotEqual("SIP transaction clock", thread);
        var during = arrivals.Count(a => a.At > start && a.At < end && a.Text.Contains("Call-ID: clock-2", StringComparison.Ordinal));
        Assert.True(during >= 3, $"{during} retransmissions of the second request arrived while the handler blocked");
    }

    private static Messages.SipRequest Options(string callId) => (Messages.SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
        $"OPTIONS sip:nobody@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-{callId}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:clock@127.0.0.1>;tag=c\r\nTo: <sip:nobody@127.0.0.1>\r\nCall-ID: {callId}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
}
