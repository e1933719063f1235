namespace CallCenterSdk.Ivr.Queueing;

/// <summary>A caller waiting in (or served from) an ACD queue.</summary>
public interface IQueuedCall : IAsyncDisposable
{
    /// <summary>The caller's position (1 = next) and the expected wait, as the ACD estimates them now.</summary>
    QueueStatus Status { get; }

    /// <summary>Completes with the agent id when an agent answers; hold music stops then.</summary>
    Task<string> Answered { get; }

    /// <summary>Completes when the queue is done with the caller: the agent hung up, or the wait ended without an agent.</summary>
    Task<QueueOutcome> Completed { get; }

    /// <summary>Takes the caller out of the queue (step timeout or caller hang-up).</summary>
    ValueTask LeaveAsync(string reason, CancellationToken cancellationToken);
}
