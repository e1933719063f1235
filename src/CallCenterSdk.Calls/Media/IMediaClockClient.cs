namespace CallCenterSdk.Calls.Media;

/// <summary>Something the <see cref="MediaClock"/> drives every 20 ms (a leg's media, a conference).</summary>
public interface IMediaClockClient
{
    /// <summary>
    /// Runs one phase of a tick. Called on a clock thread, never concurrently for the same client, and must not
    /// block: no waiting on I/O, no locks held by code that waits on the clock.
    /// </summary>
    /// <param name="phase">The phase.</param>
    /// <param name="now">Time since the clock started.</param>
    void OnTick(MediaClockPhase phase, TimeSpan now);
}
