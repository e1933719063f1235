using CallCenterSdk.Calls;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Conferencing;
using CallCenterSdk.Calls.Monitoring;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;
using HostMonitorMode = CallCenterSdk.Hosting.Calls.MonitorMode;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>The agent desk's and supervisor's call actions.</summary>
public sealed partial class CallCenterTelephony : ICallCenterCalls
{
    /// <inheritdoc />
    public bool IsAvailable => _engine is not null;

    /// <inheritdoc />
    public async Task<CallActionResult> AnswerAsync(CallActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tenant = _center.FindTenant(actor.Tenant);
        var agent = tenant?.Agents.FirstOrDefault(a => a.Id == actor.Agent);
        if (tenant is null || agent is null)
        {
            return new CallActionResult(CallActionStatus.NotFound, "Only an agent answers calls.");
        }

        // The offer: a caller of the agent's own tenant whose call rings this agent's phone (the oldest, if several).
        var offer = _queued.Values
            .Where(q => q.Call.Tenant.Id == tenant.Id)
            .Select(q => (q.Call, Ringing: q.RingingFor(agent.Id)))
            .Where(o => o.Ringing is { Leg.State: not (CallLegState.Connected or CallLegState.Ended) })
            .OrderBy(o => o.Ringing!.Value.Leg.CreatedAt)
            .FirstOrDefault();
        if (offer.Ringing is not { } ringing)
        {
            var own = _calls.Values.FirstOrDefault(c => c.Tenant.Id == tenant.Id && c.Agent?.Id == agent.Id && c.AgentLeg is { State: not CallLegState.Ended });
            return own is null
                ? new CallActionResult(CallActionStatus.NotFound, "No call is offered to this agent.")
                : new CallActionResult(CallActionStatus.Conflict, "The agent's call is not ringing: it is already answered.", own.CallId);
        }

        // Remote answer: the phone is told to answer the call we sent it (NOTIFY Event: talk), through the binding
        // the INVITE went to. The phone decides whether it rings (481 otherwise), so a 180 still in flight is no race.
        var response = await Engine.RequestRemoteAnswerAsync(ringing.Phone.Contact, ringing.Phone.Source, $"<sip:{tenant.EffectiveSipDomain}>", cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            Report(offer.Call, "answer-requested", agent.Id);
            return CallActionResult.Accepted(offer.Call.CallId);
        }

        // 481: nothing rings there any more, or the phone keeps no talk subscription (baresip answers every such NOTIFY 481).
        return response.StatusCode == 481
            ? new CallActionResult(CallActionStatus.Conflict,
                $"The agent's phone has no ringing call to answer ({response.StatusCode} {response.ReasonPhrase}): answered or ended meanwhile, or the phone does not support remote answer; answer on the phone.",
                offer.Call.CallId)
            : new CallActionResult(CallActionStatus.PeerFailed,
                $"The agent's phone did not answer remotely ({response.StatusCode} {response.ReasonPhrase}): answer on the phone, or let it obey NOTIFY Event: talk from the center.",
                offer.Call.CallId);
    }

    /// <inheritdoc />
    public Task<CallActionResult> HoldAsync(CallActor actor, string callId, CancellationToken cancellationToken)
    {
        if (Resolve(actor, callId, out var call, out var refusal) is null)
        {
            return Task.FromResult(refusal!);
        }

        lock (call!.Gate)
        {
            if (call.OnHold || call.AgentLeg is null || call.Bridge is null)
            {
                return Task.FromResult(new CallActionResult(CallActionStatus.Conflict, call.OnHold ? "The call is already on hold." : "The call is not connected to an agent.", callId));
            }

            call.Bridge.Stop();
            call.Bridge = null;
            call.StartHold(call.Caller.Hear(MusicOnHold()), Time.GetUtcNow());
        }

        SetAcdHold(call, true);
        Report(call, "held", call.Agent?.Id);
        return Task.FromResult(CallActionResult.Accepted(callId));
    }

    /// <inheritdoc />
    public Task<CallActionResult> ResumeAsync(CallActor actor, string callId, CancellationToken cancellationToken)
    {
        if (Resolve(actor, callId, out var call, out var refusal) is null)
        {
            return Task.FromResult(refusal!);
        }

        lock (call!.Gate)
        {
            if (!call.OnHold || call.AgentLeg is not { State: CallLegState.Connected } agentLeg)
            {
                return Task.FromResult(new CallActionResult(CallActionStatus.Conflict, "The call is not on hold.", callId));
            }

            call.EndHold(Time.GetUtcNow());
            var bridge = new Bridge(call.Caller, agentLeg) { HangUpPeerOnEnd = false };
            bridge.Start();
            call.Bridge = bridge;
        }

        SetAcdHold(call, false);
        Report(call, "resumed", call.Agent?.Id);
        return Task.FromResult(CallActionResult.Accepted(callId));
    }

    /// <inheritdoc />
    public async Task<CallActionResult> HangUpAsync(CallActor actor, string callId, CancellationToken cancellationToken)
    {
        if (Resolve(actor, callId, out var call, out var refusal) is null)
        {
            return refusal!;
        }

        // The agent ends the conversation: the caller goes back to the flow (survey) like a hang-up on the phone.
        if (call!.AgentLeg is { State: not CallLegState.Ended } agentLeg)
        {
            await agentLeg.HangupAsync(CallEndCause.NormalClearing, "agent desk").ConfigureAwait(false);
        }
        else
        {
            await call.Caller.HangupAsync(CallEndCause.NormalClearing, "agent desk").ConfigureAwait(false);
        }

        return CallActionResult.Accepted(callId);
    }

    /// <inheritdoc />
    public async Task<CallActionResult> TransferAsync(CallActor actor, string callId, string target, bool attended, CancellationToken cancellationToken)
    {
        if (Resolve(actor, callId, out var call, out var refusal) is null)
        {
            return refusal!;
        }

        if (call!.AgentLeg is not { State: CallLegState.Connected } agentLeg)
        {
            return new CallActionResult(CallActionStatus.Conflict, "The call is not connected to an agent.", callId);
        }

        if (!TryRoute(call.Tenant, target, out var destination, out var why))
        {
            return new CallActionResult(CallActionStatus.Invalid, why, callId);
        }

        // The caller waits with music while the target rings (blind) or while the agent consults (attended).
        await HoldAsync(actor, callId, cancellationToken).ConfigureAwait(false);
        var targetLeg = Engine.Dial(destination!.Value.Uri, $"\"{call.Caller.RemoteNumber}\" <sip:{call.Caller.RemoteNumber}@{call.Tenant.EffectiveSipDomain}>", destination.Value.EndPoint);
        Report(call, "transferring", call.Agent?.Id, target);
        _running.Add(CompleteTransferAsync(call, agentLeg, targetLeg, attended, target));
        return CallActionResult.Accepted(callId);
    }

    /// <inheritdoc />
    public Task<CallActionResult> ConferenceAsync(CallActor actor, string callId, string target, CancellationToken cancellationToken)
    {
        if (Resolve(actor, callId, out var call, out var refusal) is null)
        {
            return Task.FromResult(refusal!);
        }

        if (call!.AgentLeg is not { State: CallLegState.Connected } agentLeg)
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.Conflict, "The call is not connected to an agent.", callId));
        }

        if (!TryRoute(call.Tenant, target, out var destination, out var why))
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.Invalid, why, callId));
        }

        var third = Engine.Dial(destination!.Value.Uri, $"<sip:{call.Agent?.Extension}@{call.Tenant.EffectiveSipDomain}>", destination.Value.EndPoint);
        _running.Add(JoinConferenceAsync(call, agentLeg, third, target));
        return Task.FromResult(CallActionResult.Accepted(callId));
    }

    /// <inheritdoc />
    public Task<CallActionResult> DialAsync(CallActor actor, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tenant = _center.FindTenant(actor.Tenant);
        var agent = tenant?.Agents.FirstOrDefault(a => a.Id == actor.Agent);
        if (tenant is null || agent is null)
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.NotFound, "Only an agent can dial out."));
        }

        var phone = _sip.PhoneOf(tenant, agent).OrderByDescending(b => b.Q).FirstOrDefault();
        if (phone is null)
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.Conflict, "The agent's phone is not registered."));
        }

        if (!TryRoute(tenant, number, out var destination, out var why))
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.Invalid, why));
        }

        // Click to dial: the agent's phone rings first, then the number is called and bridged.
        var agentLeg = Engine.Dial(phone.Contact, $"\"{number}\" <sip:{number}@{tenant.EffectiveSipDomain}>", phone.Source);
        _running.Add(ClickToDialAsync(tenant, agent, agentLeg, destination!.Value, number));
        return Task.FromResult(CallActionResult.Accepted(agentLeg.CallId));
    }

    /// <inheritdoc />
    public Task<CallActionResult> MonitorAsync(CallActor supervisor, string callId, HostMonitorMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        if (Find(callId) is not { } call || call.Tenant.Id != supervisor.Tenant)
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.NotFound, "No such call.", callId));
        }

        if (call.Bridge is not { } bridge)
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.Conflict, "The call is not connected to an agent.", callId));
        }

        // The supervisor listens on an agent phone of the tenant: the one of the user's own agent id, else the
        // first agent whose extension equals the user name.
        var agent = call.Tenant.Agents.FirstOrDefault(a => a.Id == supervisor.Agent || a.Extension == supervisor.User);
        var phone = agent is null ? null : _sip.PhoneOf(call.Tenant, agent).OrderByDescending(b => b.Q).FirstOrDefault();
        if (phone is null)
        {
            return Task.FromResult(new CallActionResult(CallActionStatus.Conflict, "The supervisor has no registered phone.", callId));
        }

        var supervisorLeg = Engine.Dial(phone.Contact, $"\"monitor {call.Caller.RemoteNumber}\" <sip:monitor@{call.Tenant.EffectiveSipDomain}>", phone.Source);
        _running.Add(MonitorWhenAnsweredAsync(call, bridge, supervisorLeg, mode));
        return Task.FromResult(CallActionResult.Accepted(callId));
    }

    private async Task MonitorWhenAnsweredAsync(CenterCall call, Bridge bridge, CallLeg supervisorLeg, HostMonitorMode mode)
    {
        try
        {
            await supervisorLeg.WaitForAnswerAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (CallFailedException)
        {
            return;
        }

        var monitor = new CallMonitor(bridge, supervisorLeg);
        switch (mode)
        {
            case HostMonitorMode.Intercept:
                var taken = await monitor.InterceptAsync().ConfigureAwait(false);
                call.Bridge = taken;
                Report(call, "intercepted", call.Agent?.Id);
                return;
            default:
                monitor.SetMode(mode switch
                {
                    HostMonitorMode.Listen => CallCenterSdk.Calls.Monitoring.MonitorMode.Listen,
                    HostMonitorMode.Whisper => CallCenterSdk.Calls.Monitoring.MonitorMode.Whisper,
                    _ => CallCenterSdk.Calls.Monitoring.MonitorMode.Barge,
                });
                Report(call, "monitored", call.Agent?.Id, mode.ToString().ToLowerInvariant());
                supervisorLeg.Ended += (leg, cause) => monitor.Stop();
                return;
        }
    }

    private async Task CompleteTransferAsync(CenterCall call, CallLeg agentLeg, CallLeg targetLeg, bool attended, string target)
    {
        try
        {
            await targetLeg.WaitForAnswerAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (CallFailedException failed)
        {
            // The target did not answer: the caller comes back to the agent.
            Report(call, "transfer-failed", call.Agent?.Id, failed.Cause.Reason);
            await ResumeAsync(new CallActor(call.Tenant.Id, "system", call.Agent?.Id), call.CallId, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (attended)
        {
            // Consultation: agent and target talk; the transfer completes when the agent hangs up.
            using var consult = new Bridge(agentLeg, targetLeg) { HangUpPeerOnEnd = false };
            consult.Start();
            var first = await Task.WhenAny(agentLeg.Completion, targetLeg.Completion).ConfigureAwait(false);
            consult.Stop();
            if (first == targetLeg.Completion)
            {
                Report(call, "transfer-failed", call.Agent?.Id, "target hung up during consultation");
                await ResumeAsync(new CallActor(call.Tenant.Id, "system", call.Agent?.Id), call.CallId, CancellationToken.None).ConfigureAwait(false);
                return;
            }
        }

        call.EndHold(Time.GetUtcNow());
        call.Transferred = true;
        var bridge = new Bridge(call.Caller, targetLeg);
        bridge.Start();
        call.Extras.Add(new LegCloser(targetLeg));
        if (agentLeg.State != CallLegState.Ended)
        {
            await agentLeg.HangupAsync(CallEndCause.NormalClearing, "transferred").ConfigureAwait(false);
        }

        Report(call, "transferred", call.Agent?.Id, target);
    }

    private async Task JoinConferenceAsync(CenterCall call, CallLeg agentLeg, CallLeg third, string target)
    {
        try
        {
            await third.WaitForAnswerAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (CallFailedException failed)
        {
            Report(call, "conference-failed", call.Agent?.Id, failed.Cause.Reason);
            return;
        }

        call.Bridge?.Stop();
        call.Bridge = null;
        var conference = new Conference(Engine);
        conference.Add(call.Caller);
        conference.Add(agentLeg, moderator: true);
        conference.Add(third);
        call.Extras.Add(new ConferenceCloser(conference));
        Report(call, "conferenced", call.Agent?.Id, target);
    }

    private async Task ClickToDialAsync(TenantOptions tenant, AgentOptions agent, CallLeg agentLeg, (string Uri, CallCenterSdk.Sip.Transport.SipEndpoint? EndPoint) destination, string number)
    {
        try
        {
            await agentLeg.WaitForAnswerAsync(_stopping.Token).ConfigureAwait(false);
            var outbound = Engine.Dial(destination.Uri, $"<sip:{agent.Extension}@{tenant.EffectiveSipDomain}>", destination.EndPoint);
            await outbound.WaitForAnswerAsync(_stopping.Token).ConfigureAwait(false);
            var bridge = new Bridge(agentLeg, outbound);
            bridge.Start();
            Events.Publish(new CallEvent(tenant.Id, agentLeg.CallId, "outbound-connected", agent.Id, number));
        }
        catch (CallFailedException failed)
        {
            Events.Publish(new CallEvent(tenant.Id, agentLeg.CallId, "outbound-failed", agent.Id, number, null, failed.Cause.Reason));
            if (agentLeg.State != CallLegState.Ended)
            {
                await agentLeg.HangupAsync(failed.Cause.Q850Cause).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Where a target goes: an agent id or extension of the tenant rings that agent's registered phone; a SIP URI
    /// with an IP address is called directly; a number goes out through the tenant's trunk.
    /// </summary>
    private bool TryRoute(TenantOptions tenant, string target, out (string Uri, CallCenterSdk.Sip.Transport.SipEndpoint? EndPoint)? destination, out string why)
    {
        destination = null;
        why = string.Empty;
        if (string.IsNullOrWhiteSpace(target))
        {
            why = "No target given.";
            return false;
        }

        var agent = tenant.Agents.FirstOrDefault(a => a.Id == target || a.Extension == target);
        if (agent is not null)
        {
            var phone = _sip.PhoneOf(tenant, agent).OrderByDescending(b => b.Q).FirstOrDefault();
            if (phone is null)
            {
                why = $"Agent {agent.Id}'s phone is not registered.";
                return false;
            }

            destination = (phone.Contact, phone.Source);
            return true;
        }

        if (target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            destination = (target, null);
            return true;
        }

        var trunk = _center.Trunks.FirstOrDefault(t => t.Tenant == tenant.Id || string.IsNullOrEmpty(t.Tenant));
        if (trunk is null || !target.TrimStart('+').All(char.IsAsciiDigit))
        {
            why = $"'{target}' is neither an agent, a SIP URI nor a number a trunk of tenant {tenant.Id} can reach.";
            return false;
        }

        destination = ($"sip:{target}@{trunk.Host}:{trunk.Port}", null);
        return true;
    }

    private CenterCall? Resolve(CallActor actor, string callId, out CenterCall? call, out CallActionResult? refusal)
    {
        ArgumentNullException.ThrowIfNull(actor);
        call = Find(callId);
        refusal = null;
        if (call is null || call.Tenant.Id != actor.Tenant || (actor.Agent is not null && call.Agent?.Id != actor.Agent))
        {
            call = null;
            refusal = new CallActionResult(CallActionStatus.NotFound, "No such call for this agent.", callId);
        }

        return call;
    }

    private void SetAcdHold(CenterCall call, bool onHold)
    {
        if (call.Contact is { } contact && _acd.Find(call.Tenant.Id) is { } acd)
        {
            try
            {
                acd.Execute(e => e.SetHold(contact, onHold));
            }
            catch (CallCenterSdk.Acd.AcdException e)
            {
                Report(call, "acd-refused", call.Agent?.Id, e.Message);
            }
        }
    }

    private static ToneGenerator MusicOnHold() =>
        new ToneGenerator(
            new ToneDefinition("music on hold", [440, 554], -18, [ToneSegment.Tone(400), ToneSegment.Silence(200), ToneSegment.Tone(400), ToneSegment.Silence(1000)]),
            AudioFormat.Narrowband);

    private sealed class LegCloser(CallLeg leg) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (leg.State != CallLegState.Ended)
            {
                await leg.HangupAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class ConferenceCloser(Conference conference) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await conference.EndAsync().ConfigureAwait(false);
    }
}
