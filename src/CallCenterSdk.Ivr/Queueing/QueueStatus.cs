namespace CallCenterSdk.Ivr.Queueing;

/// <summary>A waiting caller's place in line.</summary>
/// <param name="Position">1 for the next caller to be served.</param>
/// <param name="ExpectedWait">The ACD's estimate of the remaining wait.</param>
public readonly record struct QueueStatus(int Position, TimeSpan ExpectedWait);
