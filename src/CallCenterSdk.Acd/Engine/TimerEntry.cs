namespace CallCenterSdk.Acd.Engine;

/// <summary>A due action. Timers are never cancelled: each handler checks <see cref="Stamp"/> still matches.</summary>
internal readonly record struct TimerEntry(TimerKind Kind, long Target, long Other, long Stamp);
