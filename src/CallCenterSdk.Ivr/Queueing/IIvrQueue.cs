using CallCenterSdk.Ivr.Channel;

namespace CallCenterSdk.Ivr.Queueing;

/// <summary>
/// The IVR's view of the ACD: put a caller in a queue and watch position, expected wait and the outcome.
/// The host implements it over CallCenterSdk.Acd; the IVR does not reference the ACD package.
/// </summary>
public interface IIvrQueue
{
    /// <summary>Puts the caller in a queue; throws when the queue does not exist or refuses the call.</summary>
    ValueTask<IQueuedCall> EnqueueAsync(QueueRequest request, ICallChannel channel, CancellationToken cancellationToken);
}
