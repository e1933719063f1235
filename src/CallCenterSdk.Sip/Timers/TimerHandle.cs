namespace CallCenterSdk.Sip.Timers;

/// <summary>
/// Identifies a scheduled timer so it can be cancelled. Carries a generation so a stale handle (of a
/// timer that already fired or was cancelled, whose slot is reused) is harmless.
/// </summary>
public readonly record struct TimerHandle(int Index, int Generation)
{
    /// <summary>A handle that refers to no timer.</summary>
    public static TimerHandle None => default;

    /// <summary>True when this handle was returned by <see cref="TimerWheel{T}.Schedule"/>.</summary>
    public bool IsScheduled => Generation != 0;
}
