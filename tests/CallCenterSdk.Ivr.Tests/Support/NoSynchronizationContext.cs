namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>
/// Removes xUnit's SynchronizationContext for a synchronous block: the runtime inlines continuations only
/// where there is none, and the load test relies on flows advancing inline when it presses keys or moves the clock.
/// </summary>
internal readonly struct NoSynchronizationContext : IDisposable
{
    private readonly SynchronizationContext? _previous;

    public NoSynchronizationContext()
    {
        _previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
    }

    public void Dispose() => SynchronizationContext.SetSynchronizationContext(_previous);
}
