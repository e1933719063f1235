using System.Collections.Concurrent;
using System.Diagnostics;
using CallCenterSdk.Calls.Media;

namespace CallCenterSdk.Calls.Tests.Media;

[Collection(BusyClockCollection.Name)]
public sealed class MediaClockTests
{
    [Fact]
    public async Task Every_client_gets_receive_then_mix_then_send_once_per_tick_and_all_receives_come_before_any_mix()
    {
        var log = new ConcurrentQueue<(int Client, MediaClockPhase Phase, TimeSpan Now)>();
        var clock = new MediaClock(parallelism: 1);
        var clients = Enumerable.Range(0, 5).Select(i => new RecordingClient(i, log)).ToArray();
        foreach (var client in clients)
        {
            clock.Add(client);
        }

        clock.Start();
        await WaitUntilAsync(() => clock.Ticks >= 10);
        await clock.DisposeAsync();

        var entries = log.ToArray();
        var ticks = entries.GroupBy(e => e.Now).OrderBy(g => g.Key).ToArray();
        Assert.True(ticks.Length >= 10, $"only {ticks.Length} ticks logged");
        foreach (var tick in ticks)
        {
            var phases = tick.Select(e => e.Phase).ToArray();
            Assert.Equal(15, phases.Length);
            Assert.Equal(
                [.. Enumerable.Repeat(MediaClockPhase.Receive, 5), .. Enumerable.Repeat(MediaClockPhase.Mix, 5), .. Enumerable.Repeat(MediaClockPhase.Send, 5)],
                phases);
        }

        var spacing = ticks.Zip(ticks.Skip(1), (a, b) => b.Key - a.Key).Distinct().ToArray();
        Assert.Equal([MediaClock.Period], spacing);
    }

    [Fact]
    public async Task Light_ticks_stay_on_the_clock_thread_even_with_many_clients()
    {
        // A tick stretched by preemption on a busy machine may spread a few ticks; light work must not stay spread.
        var onClockThread = 0;
        var elsewhere = 0;
        var clockThread = -1;
        var clock = new MediaClock(parallelism: 4);
        clock.Add(new CallbackClient((phase, _) =>
        {
            if (phase == MediaClockPhase.Receive)
            {
                Volatile.Write(ref clockThread, Environment.CurrentManagedThreadId);
            }
        }));
        for (var i = 0; i < 200; i++)
        {
            clock.Add(new CallbackClient((_, _) =>
            {
                if (Environment.CurrentManagedThreadId == Volatile.Read(ref clockThread))
                {
                    Interlocked.Increment(ref onClockThread);
                }
                else
                {
                    Interlocked.Increment(ref elsewhere);
                }
            }));
        }

        clock.Start();
        await WaitUntilAsync(() => clock.Ticks >= 100);
        await clock.DisposeAsync();

        Assert.True(clock.SpreadTicks * 5 <= clock.Ticks, $"{clock.SpreadTicks} of {clock.Ticks} ticks spread");
        Assert.True(elsewhere * 5 <= onClockThread, $"{elsewhere} calls off the clock thread, {onClockThread} on it");
    }

    [Fact]
    public async Task Heavy_ticks_are_spread_over_threads_and_still_run_every_client_once_per_phase()
    {
        // 64 clients of 200 us each: 12.8 ms a tick on one thread, over the 4 ms at which the clock spreads.
        var clock = new MediaClock(parallelism: 2);
        var counts = new int[64, 3];
        var threads = new ConcurrentDictionary<int, byte>();
        for (var i = 0; i < 64; i++)
        {
            var index = i;
            clock.Add(new CallbackClient((phase, _) =>
            {
                Interlocked.Increment(ref counts[index, (int)phase]);
                threads.TryAdd(Environment.CurrentManagedThreadId, 0);
                if (phase == MediaClockPhase.Send)
                {
                    var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 5000);
                    while (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(20);
                    }
                }
            }));
        }

        clock.Start();
        await WaitUntilAsync(() => clock.SpreadTicks >= 10);
        await clock.DisposeAsync();

        Assert.True(threads.Count >= 2, $"{threads.Count} thread(s) ran the clients");
        var ticks = clock.Ticks;
        for (var i = 0; i < 64; i++)
        {
            for (var phase = 0; phase < 3; phase++)
            {
                Assert.Equal(ticks, counts[i, phase]);
            }
        }
    }

    [Fact]
    public async Task A_throwing_client_is_counted_reported_and_kept_and_a_removed_one_is_no_longer_called()
    {
        var clock = new MediaClock(parallelism: 1);
        var failing = new CallbackClient((phase, _) =>
        {
            if (phase == MediaClockPhase.Mix)
            {
                throw new InvalidOperationException("boom");
            }
        });
        var removedCalls = 0;
        var removed = new CallbackClient((_, _) => Interlocked.Increment(ref removedCalls));
        var reported = new ConcurrentQueue<(IMediaClockClient Client, Exception Error)>();
        clock.ClientFailed += (client, error) => reported.Enqueue((client, error));
        clock.Add(failing);
        clock.Add(removed);
        clock.Start();
        await WaitUntilAsync(() => clock.ClientFailures >= 3);
        clock.Remove(removed);
        var callsAtRemoval = Volatile.Read(ref removedCalls);
        var ticksAtRemoval = clock.Ticks;
        await WaitUntilAsync(() => clock.Ticks >= ticksAtRemoval + 5);
        await clock.DisposeAsync();

        Assert.Equal(1, clock.ClientCount);
        Assert.True(clock.ClientFailures >= 3);
        Assert.All(reported, r => Assert.Same(failing, r.Client));
        Assert.All(reported, r => Assert.Equal("boom", r.Error.Message));
        // A tick already running when Remove was called may still call it once per phase.
        Assert.InRange(Volatile.Read(ref removedCalls) - callsAtRemoval, 0, 3);
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

    private sealed class RecordingClient(int index, ConcurrentQueue<(int, MediaClockPhase, TimeSpan)> log) : IMediaClockClient
    {
        public void OnTick(MediaClockPhase phase, TimeSpan now) => log.Enqueue((index, phase, now));
    }

    private sealed class CallbackClient(Action<MediaClockPhase, TimeSpan> onTick) : IMediaClockClient
    {
        public void OnTick(MediaClockPhase phase, TimeSpan now) => onTick(phase, now);
    }
}
