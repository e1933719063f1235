using CallCenterSdk.Ivr.Channel;

namespace CallCenterSdk.Calls.Channel;

/// <summary>
/// Takes IVR transfers to an ACD queue or a named agent off a <see cref="CallLegChannel"/>: the hosting layer
/// implements it over the ACD engine (enqueue, offer to agents, bridge on answer). Extension and external-number
/// transfers do not come here; the channel dials them itself.
/// </summary>
public interface IAcdTransferHandler
{
    /// <summary>
    /// Transfers the caller of <paramref name="channel"/> to <paramref name="target"/> (a <see cref="TransferTargetKind.Queue"/>
    /// or <see cref="TransferTargetKind.Agent"/>). Returns <see cref="TransferOutcome.Completed"/> once the caller
    /// has left the IVR (queued or connected), any other outcome to bring the caller back into the flow.
    /// </summary>
    /// <param name="channel">The caller's channel (its leg, tenant and variables).</param>
    /// <param name="target">The queue name or agent id.</param>
    /// <param name="ringTimeout">How long an agent may ring, as the flow asked.</param>
    /// <param name="cancellationToken">Fires when the caller hangs up or the flow is cancelled.</param>
    ValueTask<TransferResult> TransferAsync(CallLegChannel channel, TransferTarget target, TimeSpan ringTimeout, CancellationToken cancellationToken);
}
