using CallCenterSdk.Acd;
using CallCenterSdk.Calls;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Ivr.Queueing;
using CallCenterSdk.Sip.Registration;
using QueueStatus = CallCenterSdk.Ivr.Queueing.QueueStatus;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>
/// A caller waiting in an ACD queue, as the IVR's enqueue step sees it, and the work of connecting it: when the
/// ACD reserves an agent, the agent's registered phone is called; on answer the offer is accepted, the caller
/// hears the agent announcement, and the two legs are bridged and recorded. When the agent hangs up the caller
/// returns to the flow (survey); when the caller hangs up the agent's leg is released. A caller who leaves before an
/// agent answers (hang-up, step timeout, maximum wait, a transfer the flow gave up) leaves the ACD at once, counted as
/// an abandon when the caller hung up and as a timeout exit otherwise, and every agent phone ringing for it is cancelled.
/// </summary>
internal sealed class QueuedVoiceCall : IQueuedCall
{
    private readonly CallCenterTelephony _telephony;
    private readonly TenantAcd _acd;
    private readonly CenterCall _call;
    private readonly TaskCompletionSource<string> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<QueueOutcome> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, (CallLeg Leg, Binding Phone)> _ringing = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly TimeSpan _agentRingTime;
    private ContactId? _contact;
    private bool _connected;
    private bool _done;
    private bool _left;

    /// <param name="telephony">The center.</param>
    /// <param name="acd">The tenant's ACD.</param>
    /// <param name="call">The caller's call.</param>
    /// <param name="agentRingTime">How long an agent's phone rings for this caller; null uses the center's AgentRingSeconds.</param>
    public QueuedVoiceCall(CallCenterTelephony telephony, TenantAcd acd, CenterCall call, TimeSpan? agentRingTime = null)
    {
        _telephony = telephony;
        _acd = acd;
        _call = call;
        _agentRingTime = agentRingTime ?? TimeSpan.FromSeconds(telephony.Options.AgentRingSeconds);
        call.Caller.Ended += (leg, cause) => _ = OnCallerEndedAsync(cause);
    }

    public CenterCall Call => _call;

    public QueueStatus Status
    {
        get
        {
            if (_contact is not { } contact)
            {
                return new QueueStatus(0, TimeSpan.Zero);
            }

            try
            {
                return _acd.Execute(e => new QueueStatus(e.GetPosition(contact), e.GetExpectedWait(contact)));
            }
            catch (AcdException)
            {
                return new QueueStatus(0, TimeSpan.Zero); // no longer waiting (offered or connected)
            }
        }
    }

    public Task<string> Answered => _answered.Task;

    public Task<QueueOutcome> Completed => _completed.Task;

    /// <summary>The leg ringing <paramref name="agent"/>'s phone for this caller and the binding it went to, or null.</summary>
    public (CallLeg Leg, Binding Phone)? RingingFor(string agent)
    {
        lock (_gate)
        {
            return _ringing.TryGetValue(agent, out var ringing) ? ringing : null;
        }
    }

    /// <summary>Puts the caller in the queue; ACD events for it may arrive before this returns.</summary>
    public EnqueueResult Enqueue(ContactRequest request)
    {
        var result = _acd.Enqueue(request);
        lock (_gate)
        {
            _contact ??= result.Contact;
        }

        _call.Contact = result.Contact;
        if (result.Outcome == EnqueueOutcome.Overflowed)
        {
            Finish(new QueueOutcome(QueueOutcomeKind.NoAgents, null, $"overflowed: {result.Reason}"));
        }

        return result;
    }

    /// <summary>
    /// Takes the caller out of the queue: a caller whose leg has ended abandoned; one still on the line (step timeout,
    /// maximum wait, a transfer the flow gave up) is withdrawn as a timeout exit back to the flow. Agent phones ringing
    /// for it are cancelled. After an agent answered, only the outcome is set.
    /// </summary>
    public async ValueTask LeaveAsync(string reason, CancellationToken cancellationToken)
    {
        if (await LeaveQueueAsync(reason).ConfigureAwait(false))
        {
            Finish(new QueueOutcome(_call.Caller.State == CallLegState.Ended ? QueueOutcomeKind.Failed : QueueOutcomeKind.TimedOut, null, reason));
            return;
        }

        Finish(new QueueOutcome(QueueOutcomeKind.Failed, _call.Agent?.Id, reason));
    }

    /// <summary>
    /// Leaves the ACD once, unless an agent already answered: abandon when the caller hung up, withdrawal (a timeout
    /// exit to the IVR) otherwise; then cancels the ringing agent phones. False when connected or already left.
    /// </summary>
    private async Task<bool> LeaveQueueAsync(string reason)
    {
        ContactId? contact;
        lock (_gate)
        {
            if (_connected || _left)
            {
                return false;
            }

            _left = true;
            contact = _contact;
        }

        if (contact is { } c)
        {
            // Statistics tell the two apart: a caller who hung up abandoned; a flow that stopped waiting timed out.
            if (_call.Caller.State == CallLegState.Ended)
            {
                TryAcd(e => e.Abandon(c));
            }
            else
            {
                TryAcd(e => e.Withdraw(c, OverflowTarget.ToIvr(reason)));
            }
        }

        await CancelRingingAsync().ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync() => await CancelRingingAsync().ConfigureAwait(false);

    /// <summary>An ACD event about this caller's contact.</summary>
    public void OnAcdEvent(AcdEvent e)
    {
        lock (_gate)
        {
            _contact ??= e.Contact;
        }

        switch (e.Kind)
        {
            case AcdEventKind.Reserved when e.Agent is { } agent:
                _ = RingAgentAsync(agent);
                break;
            case AcdEventKind.TimedOut or AcdEventKind.OfferWithdrawn or AcdEventKind.Rejected when e.Agent is { } agent:
                _ = CancelRingingAsync(agent.Name);
                break;
            case AcdEventKind.Overflowed:
                _ = CancelRingingAsync();
                Finish(new QueueOutcome(e.Reason is "timeout" or "max-wait" ? QueueOutcomeKind.TimedOut : QueueOutcomeKind.NoAgents, null, e.Reason));
                break;
        }
    }

    private async Task RingAgentAsync(AgentId agentId)
    {
        var contact = _contact!.Value;
        lock (_gate)
        {
            if (_left)
            {
                return; // the caller left before the reservation was handled; the ACD already withdrew the offer
            }
        }

        var agent = _call.Tenant.Agents.FirstOrDefault(a => a.Id == agentId.Name);
        var phone = agent is null ? null : _telephony.Sip.PhoneOf(_call.Tenant, agent).OrderByDescending(b => b.Q).FirstOrDefault();
        if (agent is null || phone is null || _call.Caller.State == CallLegState.Ended)
        {
            // Not registered: the offer fails like a busy phone, and the ACD applies its missed-offer rules.
            TryAcd(e => e.Reject(agentId, contact, busy: true));
            return;
        }

        CallLeg leg;
        try
        {
            var caller = _call.Caller.RemoteNumber ?? "anonymous";
            leg = _telephony.Engine.Dial(phone.Contact, $"\"{caller}\" <sip:{caller}@{_call.Tenant.EffectiveSipDomain}>", phone.Source);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Media.Transport.MediaPortsExhaustedException)
        {
            TryAcd(x => x.Reject(agentId, contact, busy: true));
            _telephony.Report(_call, "agent-dial-failed", agent.Id, e.Message);
            return;
        }

        bool left;
        lock (_gate)
        {
            left = _left;
            if (!left)
            {
                _ringing[agentId.Name] = (leg, phone);
            }
        }

        if (left)
        {
            // The caller left while the agent's phone was being dialled: CANCEL it rather than let it ring for nobody.
            await leg.HangupAsync(CallEndCause.NormalClearing, "offer withdrawn").ConfigureAwait(false);
            return;
        }

        _telephony.Report(_call, "ringing", agent.Id);
        try
        {
            using var ring = new CancellationTokenSource(_agentRingTime, _telephony.Time);
            await leg.WaitForAnswerAsync(ring.Token).ConfigureAwait(false);
        }
        catch (CallFailedException failed)
        {
            Forget(agentId.Name, leg);
            if (!HasLeft)
            {
                // Not when the caller left: then this leg was CANCELled for it and the ACD already withdrew the offer.
                TryAcd(e => e.Reject(agentId, contact, busy: failed.Cause.SipStatus is 486 or 600));
            }

            return;
        }
        catch (OperationCanceledException)
        {
            Forget(agentId.Name, leg);
            await leg.HangupAsync(CallEndCause.NoAnswer, "no answer").ConfigureAwait(false);
            if (!HasLeft)
            {
                TryAcd(e => e.Reject(agentId, contact));
            }

            return;
        }

        Forget(agentId.Name, leg);
        lock (_gate)
        {
            if (_done || _left || _connected || _call.Caller.State == CallLegState.Ended)
            {
                _ = leg.HangupAsync(CallEndCause.NormalClearing, "caller gone");
                return;
            }

            _connected = true;
        }

        if (!TryAcd(e => e.Accept(agentId, contact)))
        {
            lock (_gate)
            {
                _connected = false;
            }

            await leg.HangupAsync(CallEndCause.NormalClearing, "offer withdrawn").ConfigureAwait(false);
            return;
        }

        await CancelRingingAsync().ConfigureAwait(false);
        await ConnectAsync(agent, leg).ConfigureAwait(false);
    }

    private async Task ConnectAsync(AgentOptions agent, CallLeg agentLeg)
    {
        _call.Agent = agent;
        _call.AgentLeg = agentLeg;
        _call.AgentAnsweredAt = _telephony.Time.GetUtcNow();
        agentLeg.Ended += (leg, cause) => _ = OnAgentEndedAsync(cause);

        // The enqueue step stops its hold music when Answered completes.
        _answered.TrySetResult(agent.Id);
        _telephony.Report(_call, "answered", agent.Id);
        if (_telephony.Options.AnnounceAgent)
        {
            var text = _telephony.Options.AgentAnnouncement.Replace("{agent}", agent.Extension, StringComparison.Ordinal).Replace("{name}", agent.Name ?? agent.Id, StringComparison.Ordinal);
            await _telephony.SayAsync(_call.Caller, text).ConfigureAwait(false);
        }

        if (agentLeg.State == CallLegState.Ended || _call.Caller.State == CallLegState.Ended)
        {
            return;
        }

        var bridge = new Bridge(_call.Caller, agentLeg) { HangUpPeerOnEnd = false };
        bridge.Start();
        _call.Bridge = bridge;
        _telephony.StartRecording(_call);
    }

    private async Task OnAgentEndedAsync(CallEndCause cause)
    {
        _call.Bridge?.Stop();
        _call.Bridge = null;
        await _telephony.StopRecordingAsync(_call).ConfigureAwait(false);
        _call.EndHold(_telephony.Time.GetUtcNow());
        if (_contact is { } contact)
        {
            TryAcd(e => e.Release(contact, cause.Party == CallEndParty.Remote ? "agent" : "caller"));
        }

        _telephony.Report(_call, "agent-ended", _call.Agent?.Id, cause.Reason);
        if (!_call.Transferred)
        {
            // Back to the flow (survey); a transferred caller stays with the transfer target until it hangs up.
            Finish(new QueueOutcome(QueueOutcomeKind.AgentHungUp, _call.Agent?.Id));
        }
    }

    private async Task OnCallerEndedAsync(CallEndCause cause)
    {
        bool connected;
        lock (_gate)
        {
            connected = _connected;
        }

        if (!connected)
        {
            await LeaveQueueAsync("caller hung up").ConfigureAwait(false);
            Finish(new QueueOutcome(QueueOutcomeKind.Failed, null, "caller hung up"));
            return;
        }

        if (_call.AgentLeg is { State: not CallLegState.Ended } agentLeg)
        {
            await agentLeg.HangupAsync(cause.Q850Cause).ConfigureAwait(false);
        }

        Finish(new QueueOutcome(QueueOutcomeKind.Failed, _call.Agent?.Id, "caller hung up"));
    }

    private async Task CancelRingingAsync(string? onlyAgent = null)
    {
        List<CallLeg> legs;
        lock (_gate)
        {
            legs = [.. _ringing.Where(p => onlyAgent is null || p.Key == onlyAgent).Select(p => p.Value.Leg)];
            foreach (var key in _ringing.Keys.Where(k => onlyAgent is null || k == onlyAgent).ToList())
            {
                _ringing.Remove(key);
            }
        }

        foreach (var leg in legs)
        {
            await leg.HangupAsync(CallEndCause.NormalClearing, "offer withdrawn").ConfigureAwait(false);
        }
    }

    private bool HasLeft
    {
        get
        {
            lock (_gate)
            {
                return _left;
            }
        }
    }

    private void Forget(string agent, CallLeg leg)
    {
        lock (_gate)
        {
            if (_ringing.TryGetValue(agent, out var current) && ReferenceEquals(current.Leg, leg))
            {
                _ringing.Remove(agent);
            }
        }
    }

    private void Finish(QueueOutcome outcome)
    {
        lock (_gate)
        {
            _done = true;
        }

        _completed.TrySetResult(outcome);
    }

    private bool TryAcd(Action<AcdEngine> operation)
    {
        try
        {
            _acd.Execute(operation);
            return true;
        }
        catch (AcdException e)
        {
            _telephony.Report(_call, "acd-refused", _call.Agent?.Id, e.Message);
            return false;
        }
    }
}
