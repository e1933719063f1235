using BenchmarkDotNet.Attributes;
using CallCenterSdk.Sip.Timers;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>Transaction timers: schedule, cancel and expire with 100,000 live timers in the wheel.</summary>
[MemoryDiagnoser]
public class TimerWheelBenchmarks
{
    private const int Live = 100_000;
    private TimerWheel<int> _wheel = null!;
    private readonly List<int> _fired = new(1024);
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _wheel = new TimerWheel<int>(0, resolutionMs: 10, initialCapacity: Live * 2);
        var random = new Random(1);
        for (var i = 0; i < Live; i++)
        {
            _wheel.Schedule(random.Next(1, 64_000), i);
        }

        _now = 0;
    }

    /// <summary>Insert a Timer A and cancel it, as a transaction answered before its first retransmission does.</summary>
    [Benchmark]
    public bool ScheduleAndCancel()
    {
        var handle = _wheel.Schedule(_now + 500, -1);
        return _wheel.Cancel(handle);
    }

    /// <summary>
    /// Advance one 10 ms tick with 100,000 live timers, collect what expired (about 16 per tick at this
    /// load) and re-arm each, so the live count stays constant across iterations.
    /// </summary>
    [Benchmark]
    public int ExpireAndRearmOneTick()
    {
        _now += 10;
        _fired.Clear();
        var n = _wheel.Advance(_now, _fired);
        foreach (var value in _fired)
        {
            _wheel.Schedule(_now + 64_000, value);
        }

        return n;
    }
}
