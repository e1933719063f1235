using System.Collections.Concurrent;
using System.Diagnostics;
using CallCenterSdk.Calls.Media;

namespace CallCenterSdk.Calls.Tests.Media;

/// <summary>The clock's own worker threads: phase barriers, and clients joining and leaving while ticks are spread.</summary>
[Collection(BusyClockCollection.Name)]
public class MediaClockSpreadTests
{
    [Fact]
    public async Task Spread_ticks_keep_every_phase_of_a_tick_behind_the_previous_one_across_workers()
    {
        // Heavy sends (150 us x 96 clients = 14 ms on one thread) spread the ticks over four threads; within a tick no
        // client may mix before every client has received, nor send before every client has mixed.
        var clock = new MediaClock(parallelism: 4);
        long sequence = 0;
        var log = new ConcurrentQueue<(TimeSpan Now, MediaClockPhase Phase, long Order)>();
        for (var i = 0; i < 96; i++)
        {
            clock.Add(new CallbackClient((phase, now) =>
            {
                log.Enqueue((now, phase, Interlocked.Increment(ref sequence)));
                if (phase == MediaClockPhase.Send)
                {
                    Busy(TimeSpan.FromMicroseconds(150));
                }
            }));
        }

        clock.Start();
        await WaitUntilAsync(() => clock.SpreadTicks >= 20);
        await clock.DisposeAsync();

        var ticks = log.GroupBy(e => e.Now).Where(g => g.Count() == 96 * 3).ToList();
        Assert.True(ticks.Count >= 20, $"{ticks.Count} whole ticks logged");
        foreach (var tick in ticks)
        {
            var receive = tick.Where(e => e.Phase == MediaClockPhase.Receive).Select(e => e.Order).ToList();
            var mix = tick.Where(e => e.Phase == MediaClockPhase.Mix).Select(e => e.Order).ToList();
            var send = tick.Where(e => e.Phase == MediaClockPhase.Send).Select(e => e.Order).ToList();
            Assert.Equal(96, receive.Count);
            Assert.True(receive.Max() < mix.Min(), $"a mix ran before the last receive of tick {tick.Key}");
            Assert.True(mix.Max() < send.Min(), $"a send ran before the last mix of tick {tick.Key}");
        }

        // No phase ran twice for a client within a tick (a late worker must not replay a finished phase).
        Assert.All(log.GroupBy(e => (e.Now, e.Phase)), g => Assert.True(g.Count() <= 96, $"{g.Count()} calls in {g.Key}"));
    }

    [Fact]
    public async Task Clients_joining_and_leaving_during_spread_ticks_are_ticked_once_per_phase_while_present()
    {
        var clock = new MediaClock(parallelism: 2);
        var heavy = new List<CountingClient>();
        for (var i = 0; i < 64; i++)
        {
            var client = new CountingClient(TimeSpan.FromMicroseconds(200));
            heavy.Add(client);
            clock.Add(client);
        }

        clock.Start();
        await WaitUntilAsync(() => clock.SpreadTicks >= 5);

        // Churn: clients come and go from another thread while the ticks are spread; removing from the middle moves
        // the last client into the gap, which must then still be ticked.
        var churned = new List<CountingClient>();
        for (var round = 0; round < 200; round++)
        {
            var client = new CountingClient(TimeSpan.Zero);
            churned.Add(client);
            clock.Add(client);
            if (round % 3 == 0)
            {
                clock.Remove(churned[round / 2]);
                churned[round / 2].Removed = true;
            }

            if (round % 20 == 0)
            {
                await Task.Delay(5);
            }
        }

        clock.Remove(heavy[10]);
        heavy[10].Removed = true;
        var stillIn = heavy.Concat(churned).Where(c => !c.Removed).ToList();
        var before = stillIn.Select(c => c.Counts).ToList();
        var ticksBefore = clock.Ticks;
        await WaitUntilAsync(() => clock.Ticks >= ticksBefore + 20);
        var removedBefore = heavy[10].Counts;
        var ticksMid = clock.Ticks;
        await WaitUntilAsync(() => clock.Ticks >= ticksMid + 5);
        await clock.DisposeAsync();

        Assert.Equal(stillIn.Count, clock.ClientCount);
        for (var i = 0; i < stillIn.Count; i++)
        {
            var after = stillIn[i].Counts;
            // Every phase the same number of times: each tick ran each present client exactly once per phase.
            Assert.Equal(after.Receive, after.Mix);
            Assert.Equal(after.Mix, after.Send);
            Assert.True(after.Send - before[i].Send >= 20, $"client {i} ticked {after.Send - before[i].Send} times in 20+ ticks");
        }

        Assert.Equal(removedBefore, heavy[10].Counts);
    }

    [Fact]
    public async Task The_clock_thread_gets_the_nice_value_asked_for_where_the_process_may_raise_it()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads /proc");
        var clock = new MediaClock(parallelism: 1, nice: -5);
        clock.Start();
        try
        {
            var stat = File.ReadAllText($"/proc/self/task/{clock.NativeThreadId}/stat");
            // Fields after the parenthesised name start at field 3; the nice value is field 19.
            var nice = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
            if (MayRaisePriority())
            {
                Assert.Null(clock.PriorityError);
                Assert.Equal(-5, nice);
            }
            else
            {
                Assert.Contains("not permitted", clock.PriorityError, StringComparison.Ordinal);
                Assert.True(nice >= 0, $"nice {nice}");
            }
        }
        finally
        {
            await clock.DisposeAsync();
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(nice: -21));
    }

    // CAP_SYS_NICE is capability 23 in the effective set.
    private static bool MayRaisePriority() =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapEff:", StringComparison.Ordinal)) is var line &&
        (ulong.Parse(line["CapEff:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << 23)) != 0;

    private static void Busy(TimeSpan time)
    {
        var until = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "timed out waiting for the clock");
            await Task.Delay(10);
        }
    }

    private sealed class CallbackClient(Action<MediaClockPhase, TimeSpan> onTick) : IMediaClockClient
    {
        public void OnTick(MediaClockPhase phase, TimeSpan now) => onTick(phase, now);
    }

    private sealed class CountingClient(TimeSpan sendCost) : IMediaClockClient
    {
        private long _receive;
        private long _mix;
        private long _send;

        public bool Removed { get; set; }

        public (long Receive, long Mix, long Send) Counts => (Interlocked.Read(ref _receive), Interlocked.Read(ref _mix), Interlocked.Read(ref _send));

        public void OnTick(MediaClockPhase phase, TimeSpan now)
        {
            switch (phase)
            {
                case MediaClockPhase.Receive:
                    Interlocked.Increment(ref _receive);
                    break;
                case MediaClockPhase.Mix:
                    Interlocked.Increment(ref _mix);
                    break;
                default:
                    Interlocked.Increment(ref _send);
                    Busy(sendCost);
                    break;
            }
        }
    }
}
