using CallCenterSdk.Sip.Timers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Timers;

public class TimerWheelTests
{
    [Fact]
    public void Timer_fires_on_the_first_advance_at_or_after_its_due_time_and_never_before()
    {
        var wheel = new TimerWheel<string>(startMs: 1_000, resolutionMs: 10);
        wheel.Schedule(1_500, "A");
        var fired = new List<string>();
        Assert.Equal(0, wheel.Advance(1_499, fired));
        Assert.Empty(fired);
        Assert.Equal(1, wheel.Advance(1_500, fired));
        Assert.Equal(["A"], fired);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Timers_beyond_one_turn_of_the_wheel_wait_for_their_turn()
    {
        var wheel = new TimerWheel<int>(0, resolutionMs: 10, slots: 8);
        wheel.Schedule(85, 1); // slot (9 & 7) = 1, two turns of an 80 ms wheel away
        var fired = new List<int>();
        wheel.Advance(20, fired);
        Assert.Empty(fired);
        wheel.Advance(80, fired);
        Assert.Empty(fired);
        wheel.Advance(90, fired);
        Assert.Equal([1], fired);
    }

    [Fact]
    public void Cancelled_timer_never_fires_and_a_stale_handle_cannot_cancel_a_reused_slot()
    {
        var wheel = new TimerWheel<string>(0);
        var a = wheel.Schedule(100, "A");
        Assert.True(wheel.Cancel(a));
        Assert.False(wheel.Cancel(a));
        var b = wheel.Schedule(100, "B"); // reuses A's entry
        Assert.Equal(a.Index, b.Index);
        Assert.False(wheel.Cancel(a));
        var fired = new List<string>();
        wheel.Advance(200, fired);
        Assert.Equal(["B"], fired);
        Assert.False(wheel.Cancel(TimerHandle.None));
    }

    [Fact]
    public void A_long_pause_fires_everything_due_once()
    {
        var wheel = new TimerWheel<int>(0, resolutionMs: 10, slots: 16);
        for (var i = 0; i < 100; i++)
        {
            wheel.Schedule(i * 37, i);
        }

        var fired = new List<int>();
        wheel.Advance(1_000_000, fired);
        Assert.Equal(Enumerable.Range(0, 100), fired.Order());
        Assert.Equal(0, wheel.Count);
        Assert.Null(wheel.NextDueMs());
    }

    [Fact]
    public void Holds_100000_live_timers_and_fires_each_once()
    {
        var wheel = new TimerWheel<int>(0, resolutionMs: 10, initialCapacity: 16);
        var random = new Random(7);
        var due = new long[100_000];
        for (var i = 0; i < due.Length; i++)
        {
            due[i] = random.Next(1, 64_000); // up to RFC 3261 Timer B/F/H (64*T1)
            wheel.Schedule(due[i], i);
        }

        Assert.Equal(100_000, wheel.Count);
        var fired = new List<int>();
        for (long now = 0; now <= 64_000; now += 500)
        {
            var before = fired.Count;
            wheel.Advance(now, fired);
            for (var k = before; k < fired.Count; k++)
            {
                Assert.InRange(due[fired[k]], now - 500 - 10, now);
            }
        }

        Assert.Equal(100_000, fired.Distinct().Count());
    }

    [Property(MaxTest = 200)]
    public Property Any_sequence_of_operations_matches_a_sorted_reference()
    {
        var op = Gen.OneOf(
            Gen.Choose(0, 5_000).Select(d => (Kind: 0, Value: d)),
            Gen.Choose(0, 50).Select(i => (Kind: 1, Value: i)),
            Gen.Choose(1, 700).Select(a => (Kind: 2, Value: a)));
        return Prop.ForAll(Gen.ListOf(op).ToArbitrary(), ops =>
        {
            var wheel = new TimerWheel<int>(0, resolutionMs: 10, slots: 32, initialCapacity: 2);
            var handles = new List<TimerHandle>();
            var reference = new Dictionary<int, long>();
            long now = 0;
            var fired = new List<int>();
            var id = 0;
            foreach (var (kind, value) in ops)
            {
                switch (kind)
                {
                    case 0:
                        handles.Add(wheel.Schedule(now + value, id));
                        reference[id] = now + value;
                        id++;
                        break;
                    case 1 when handles.Count > 0:
                        var victim = value % handles.Count;
                        if (wheel.Cancel(handles[victim]) != reference.Remove(victim))
                        {
                            return false;
                        }

                        break;
                    case 2:
                        now += value;
                        fired.Clear();
                        wheel.Advance(now, fired);
                        foreach (var f in fired)
                        {
                            // Never early, never more than one tick late, never twice, never after cancel.
                            if (!reference.Remove(f, out var due) || due > now || due < now - value - 10)
                            {
                                return false;
                            }
                        }

                        if (reference.Values.Any(d => d <= now - 10))
                        {
                            return false;
                        }

                        break;
                }
            }

            return wheel.Count == reference.Count;
        });
    }
}
