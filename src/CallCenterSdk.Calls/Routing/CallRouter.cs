using CallCenterSdk.Calls.Bridging;

namespace CallCenterSdk.Calls.Routing;

/// <summary>
/// Connects a caller's leg to targets as a B2BUA: rings a <see cref="RingPlan"/> (parallel or sequential, with
/// per-target and overall timeouts), gives the caller ringback or a target's early media meanwhile, and on the
/// first answer cancels the other forks, answers the caller and bridges the two. Failures come back as a
/// <see cref="RouteResult"/> saying why, so the application can fall back.
/// </summary>
public sealed class CallRouter
{
    /// <summary>Q.850 26, non-selected user clearing: the CANCEL of a fork another target answered.</summary>
    public const int CompletedElsewhereCause = 26;

    /// <summary>Q.850 19, no answer from user: the CANCEL of a fork that rang out.</summary>
    public const int NoAnswerCause = CallEndCause.NoAnswer;

    private readonly CallEngine _engine;

    /// <summary>Creates a router that places its outbound legs through <paramref name="engine"/>.</summary>
    public CallRouter(CallEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>
    /// Rings <paramref name="plan"/> for <paramref name="caller"/> (an inbound leg not answered yet, or a connected
    /// leg to transfer) and bridges the first target to answer. The caller is answered only when a target is, so a
    /// failed plan leaves it free for a fallback. Completes when a target answered or all failed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The caller's leg has ended.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; every fork was cancelled first.</exception>
    public async Task<RouteResult> ConnectAsync(CallLeg caller, RingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(plan);
        if (caller.State == CallLegState.Ended)
        {
            throw new InvalidOperationException("The caller's leg has ended.");
        }

        var from = plan.From ?? CallerIdOf(caller);
        using var early = new EarlyMediaSupervisor(caller, plan);
        var attempts = new List<RingAttempt>();
        using var overall = new CancellationTokenSource(plan.OverallTimeout, _engine.Time);
        using var callerGone = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(overall.Token, callerGone.Token, cancellationToken);
        void OnCallerEnded(CallLeg leg, CallEndCause cause) => callerGone.Cancel();
        caller.Ended += OnCallerEnded;
        if (caller.State == CallLegState.Ended)
        {
            callerGone.Cancel();
        }

        try
        {
            // The CANCEL of a fork says why (RFC 3326): the caller left, the plan rang out, or another fork answered.
            (int, string) CancelCause() =>
                callerGone.IsCancellationRequested ? (CallEndCause.NormalClearing, "Caller hung up")
                : overall.IsCancellationRequested ? (NoAnswerCause, "No answer")
                : cancellationToken.IsCancellationRequested ? (CallEndCause.NormalClearing, "Cancelled")
                : (CompletedElsewhereCause, "Call completed elsewhere");
            var winner = plan.Strategy == RingStrategy.Parallel
                ? await RingAllAsync(plan, from, early, attempts, CancelCause, stop.Token).ConfigureAwait(false)
                : await HuntAsync(plan, from, early, attempts, CancelCause, stop.Token).ConfigureAwait(false);
            early.Stop();
            cancellationToken.ThrowIfCancellationRequested();
            if (winner is null)
            {
                var outcome = callerGone.IsCancellationRequested ? RingOutcome.CallerHungUp
                    : overall.IsCancellationRequested ? RingOutcome.NoAnswer
                    : RouteResult.Summarize(attempts);
                return new RouteResult(outcome, attempts);
            }

            return Connect(caller, winner.Value.Target, winner.Value.Leg, attempts);
        }
        finally
        {
            caller.Ended -= OnCallerEnded;
        }
    }

    /// <summary>
    /// Connects <paramref name="caller"/> to the extension <paramref name="number"/>, following forwarding rules
    /// (unconditional, busy, no answer) through <paramref name="directory"/>: each step rings one target with
    /// <paramref name="template"/>'s ringback and timeouts. The result carries every attempt and the forwarding path.
    /// </summary>
    public async Task<RouteResult> ConnectToExtensionAsync(CallLeg caller, string number, Func<string, Extension?> directory, RingPlan? template = null, int maxHops = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var defaults = template ?? new RingPlan([new RingTarget(number)]);
        var walk = new ForwardingWalk(number, directory, defaults.DefaultRingTimeout, maxHops);
        var attempts = new List<RingAttempt>();
        var step = walk.Start();
        while (step.Target is { } target)
        {
            var plan = new RingPlan([target])
            {
                DefaultRingTimeout = defaults.DefaultRingTimeout,
                OverallTimeout = defaults.OverallTimeout,
                From = defaults.From,
                RingbackTone = defaults.RingbackTone,
                RelayEarlyMedia = defaults.RelayEarlyMedia,
            };
            var result = await ConnectAsync(caller, plan, cancellationToken).ConfigureAwait(false);
            attempts.AddRange(result.Attempts);
            if (result.IsAnswered)
            {
                return result with { Attempts = attempts, ForwardingPath = walk.Path };
            }

            step = walk.After(result.Outcome);
        }

        return new RouteResult(step.Failure, attempts) { ForwardingPath = walk.Path };
    }

    private static RouteResult Connect(CallLeg caller, RingTarget target, CallLeg leg, List<RingAttempt> attempts)
    {
        attempts.Add(new RingAttempt(target, RingOutcome.Answered, null));
        try
        {
            if (caller.State != CallLegState.Connected && caller.Session.State is not (Sip.UserAgent.InviteSessionState.Answering or Sip.UserAgent.InviteSessionState.Established))
            {
                caller.Answer();
            }
        }
        catch (InvalidOperationException)
        {
            // The caller hung up as the target answered.
            _ = leg.HangupAsync(CallEndCause.NormalClearing);
            return new RouteResult(RingOutcome.CallerHungUp, attempts);
        }

        var bridge = new Bridge(caller, leg);
        bridge.Start();
        return new RouteResult(RingOutcome.Answered, attempts) { AnsweredBy = target, Leg = leg, Bridge = bridge };
    }

    private async Task<(RingTarget Target, CallLeg Leg)?> RingAllAsync(RingPlan plan, string from, EarlyMediaSupervisor early, List<RingAttempt> attempts, Func<(int, string)> cancelCause, CancellationToken stop)
    {
        using var losers = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var pending = plan.EffectiveTargets.Select(t => RingOneAsync(t, plan.RingTimeoutOf(t), from, early, cancelCause, losers.Token)).ToList();
        (RingTarget, CallLeg)? winner = null;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            var (attempt, leg) = await done.ConfigureAwait(false);
            if (attempt.Outcome == RingOutcome.Answered && winner is null)
            {
                winner = (attempt.Target, leg!);
                await losers.CancelAsync().ConfigureAwait(false); // the other forks get CANCEL (Q.850 26)
            }
            else if (attempt.Outcome == RingOutcome.Answered)
            {
                // Answered in the same instant as the winner: release it.
                _ = leg!.HangupAsync(CompletedElsewhereCause, "Call completed elsewhere");
                attempts.Add(attempt with { Outcome = RingOutcome.Cancelled });
            }
            else
            {
                attempts.Add(attempt);
            }
        }

        return winner;
    }

    private async Task<(RingTarget Target, CallLeg Leg)?> HuntAsync(RingPlan plan, string from, EarlyMediaSupervisor early, List<RingAttempt> attempts, Func<(int, string)> cancelCause, CancellationToken stop)
    {
        foreach (var target in plan.EffectiveTargets)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var (attempt, leg) = await RingOneAsync(target, plan.RingTimeoutOf(target), from, early, cancelCause, stop).ConfigureAwait(false);
            if (attempt.Outcome == RingOutcome.Answered)
            {
                return (target, leg!);
            }

            attempts.Add(attempt);
        }

        return null;
    }

    /// <summary>Rings one target until it answers, fails, rings out, or <paramref name="stop"/> fires (then it is cancelled).</summary>
    private async Task<(RingAttempt Attempt, CallLeg? Leg)> RingOneAsync(RingTarget target, TimeSpan ringTimeout, string from, EarlyMediaSupervisor early, Func<(int, string)> cancelCause, CancellationToken stop)
    {
        CallLeg leg;
        try
        {
            leg = _engine.Dial(target.Uri, from, target.Destination);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or CallCenterSdk.Media.Transport.MediaPortsExhaustedException or CallCenterSdk.Sip.Transport.SipTransportException)
        {
            return (new RingAttempt(target, RingOutcome.Unreachable, new CallEndCause(CallEndParty.Local, 503, 41, e.Message)), null);
        }

        early.Watch(leg);
        try
        {
            await leg.WaitForAnswerAsync(stop).WaitAsync(ringTimeout, _engine.Time, stop).ConfigureAwait(false);
            return (new RingAttempt(target, RingOutcome.Answered, null), leg);
        }
        catch (CallFailedException e)
        {
            return (new RingAttempt(target, RouteResult.Classify(e.Cause), e.Cause), null);
        }
        catch (TimeoutException)
        {
            _ = leg.HangupAsync(NoAnswerCause, "No answer");
            return (new RingAttempt(target, RingOutcome.NoAnswer, null), null);
        }
        catch (OperationCanceledException)
        {
            // Another fork answered, the plan timed out, the caller left or the application cancelled: CANCEL this one.
            var (cause, text) = cancelCause();
            _ = leg.HangupAsync(cause, text);
            return (new RingAttempt(target, RingOutcome.Cancelled, null), null);
        }
        finally
        {
            early.Forget(leg);
        }
    }

    private static string CallerIdOf(CallLeg caller)
    {
        var invite = caller.Session.Invite;
        var party = caller.Direction == CallDirection.Inbound ? invite.From : invite.To;
        return new CallCenterSdk.Sip.Headers.NameAddress(party.Uri, party.DisplayName).ToString();
    }
}
