using System.Collections.Concurrent;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Calls.Transfer;

/// <summary>
/// Call transfer both ways. As transferor it sends REFER (blind: Refer-To the target; attended: Refer-To the
/// consultation's peer with Replaces, RFC 3891) and follows the NOTIFY progress (RFC 3515). As recipient it takes
/// REFER from a phone: 202, dials the Refer-To target, reports 100/200/failure in sipfrag NOTIFYs, bridges the
/// referrer's partner to the target and drops the referrer; and it takes INVITE with Replaces naming one of our
/// dialogs, putting the new leg where the replaced one was. Bridges it should rewire are registered with
/// <see cref="Track"/>; a leg in no bridge is an endpoint's own call, handed over through <see cref="Transferred"/>.
/// </summary>
public sealed class TransferService
{
    private const string ReferEvent = "refer";
    private readonly CallEngine _engine;
    private readonly ConcurrentDictionary<CallLeg, Bridge> _bridges = new();
    private readonly ConcurrentDictionary<CallLeg, LegHandler> _handlers = new();

    /// <summary>Creates the service over <paramref name="engine"/> (it dials transfer targets through it).</summary>
    public TransferService(CallEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>How long a transfer waits for the target to answer, or for the final NOTIFY (60 s by default).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Maps a Refer-To URI to the target to dial (a registered contact, a proxy); null refuses it with a 404
    /// sipfrag. By default the URI is dialled as it is, to its own host and port.
    /// </summary>
    public Func<SipUri, Routing.RingTarget?> ResolveTarget { get; init; } = uri => new Routing.RingTarget(uri.ToString());

    /// <summary>
    /// Raised when a transfer or a replacement moved a call from the first leg to the second: the new leg is
    /// connected (bridged to the old leg's partner when it had one) and the old one is being hung up. An endpoint
    /// with no bridge moves its own audio to the new leg here.
    /// </summary>
    public event Action<CallLeg, CallLeg>? Transferred;

    /// <summary>
    /// Registers a bridge whose legs may be transferred: both accept REFER and may be replaced, and a transfer
    /// rewires this bridge. Forgotten when it ends.
    /// </summary>
    public void Track(Bridge bridge)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        _bridges[bridge.First] = bridge;
        _bridges[bridge.Second] = bridge;
        AcceptTransfers(bridge.First);
        AcceptTransfers(bridge.Second);
        bridge.Ended += (b, _, _) => Forget(b);
    }

    /// <summary>Lets the peer of <paramref name="leg"/> transfer it with REFER (blind, or attended with Replaces).</summary>
    public void AcceptTransfers(CallLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        HandlerOf(leg).AcceptRefer = true;
    }

    /// <summary>The bridge <paramref name="leg"/> is tracked in, or null.</summary>
    public Bridge? BridgeOf(CallLeg leg) => _bridges.TryGetValue(leg, out var bridge) ? bridge : null;

    /// <summary>
    /// The Replaces value (RFC 3891 §6.1) that names <paramref name="leg"/>'s dialog to its peer: call-id, the peer's
    /// tag as to-tag, ours as from-tag. Put it in a Refer-To so the peer's dialog gets replaced.
    /// </summary>
    /// <exception cref="InvalidOperationException">The leg has no dialog.</exception>
    public static ReplacesHeader ReplacesFor(CallLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        var dialog = leg.Session.Dialog ?? throw new InvalidOperationException("The leg has no dialog yet.");
        return new ReplacesHeader(dialog.CallId, new SipParameters([new("to-tag", dialog.RemoteTag), new("from-tag", dialog.LocalTag)]));
    }

    /// <summary>
    /// Blind transfer: asks the peer of <paramref name="leg"/> to call <paramref name="target"/> (REFER), follows the
    /// NOTIFYs and, on success, hangs up <paramref name="leg"/> (RFC 5589 §6.1).
    /// </summary>
    public Task<TransferResult> BlindTransferAsync(CallLeg leg, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leg);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var referTo = NameAddress.Parse(target.Contains('<', StringComparison.Ordinal) ? target : $"<{target}>");
        return ReferAsync(leg, referTo, null, cancellationToken);
    }

    /// <summary>
    /// Attended transfer: asks the peer of <paramref name="transferee"/> to call the peer of
    /// <paramref name="consultation"/> with Replaces naming the consultation dialog (RFC 3891 §7, RFC 5589 §7), so
    /// the two talk and we drop out; on success both our legs are hung up.
    /// </summary>
    /// <exception cref="InvalidOperationException">The consultation leg has no dialog or its target is not a SIP URI.</exception>
    public Task<TransferResult> AttendedTransferAsync(CallLeg transferee, CallLeg consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transferee);
        ArgumentNullException.ThrowIfNull(consultation);
        var dialog = consultation.Session.Dialog ?? throw new InvalidOperationException("The consultation leg has no dialog.");
        if (dialog.RemoteTarget is not SipUri target)
        {
            throw new InvalidOperationException($"The consultation target {dialog.RemoteTarget} is not a SIP URI.");
        }

        var replaces = ReplacesFor(consultation).ToString();
        var uri = new SipUri(target.UriScheme, target.User, target.Host, target.Port, target.Parameters, new SipParameters([new("Replaces", replaces)]), target.Password);
        return ReferAsync(transferee, new NameAddress(uri), consultation, cancellationToken);
    }

    /// <summary>
    /// For an inbound leg whose INVITE carried Replaces naming one of our dialogs: answers it, puts it in the
    /// replaced leg's place (its bridge, or <see cref="Transferred"/> for an endpoint) and hangs the replaced leg up.
    /// Call it first from <see cref="CallEngine.IncomingCall"/>; false when the leg replaces nothing.
    /// </summary>
    public bool TryAcceptReplacement(CallLeg incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.Session.ReplacedSession?.UserState is not CallLeg replaced)
        {
            return false;
        }

        if (replaced.State == CallLegState.Ended)
        {
            incoming.Reject(603, "Decline"); // RFC 3891 §3: the replaced dialog has already ended
            return true;
        }

        incoming.Answer();
        MoveCall(replaced, incoming);
        _ = replaced.HangupAsync(CallEndCause.NormalClearing, "Replaced");
        return true;
    }

    private async Task<TransferResult> ReferAsync(CallLeg leg, NameAddress referTo, CallLeg? consultation, CancellationToken cancellationToken)
    {
        if (leg.State != CallLegState.Connected)
        {
            throw new InvalidOperationException($"The leg is {leg.State}; only a connected leg can be transferred.");
        }

        var handler = HandlerOf(leg);
        var watcher = new ReferWatcher();
        if (Interlocked.CompareExchange(ref handler.Watcher, watcher, null) is not null)
        {
            throw new InvalidOperationException("A transfer is already in progress on this leg.");
        }

        try
        {
            var local = leg.Direction == CallDirection.Inbound ? leg.Session.Invite.To : leg.Session.Invite.From;
            var response = await leg.Session.SendRequestAsync(SipMethod.Refer,
                [new("Refer-To", referTo.ToString()), new("Referred-By", new NameAddress(local.Uri, local.DisplayName).ToString())])
                .WaitAsync(Timeout, _engine.Time, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                return new TransferResult(TransferOutcome.Refused, response.StatusCode, null, [], $"REFER refused: {response.StatusCode} {response.ReasonPhrase}");
            }

            var first = await Task.WhenAny(watcher.Done, leg.Completion, Task.Delay(Timeout, _engine.Time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            // The transferee sends the final NOTIFY and then its BYE: both can be in before this continuation runs, and
            // WhenAny may name the leg's end (its completion runs inline, the watcher's is queued). The NOTIFY decides.
            if (watcher.Done.IsCompleted)
            {
                var (status, reason) = await watcher.Done.ConfigureAwait(false);
                if (status is >= 200 and < 300)
                {
                    _ = leg.HangupAsync(CallEndCause.NormalClearing, "Transferred");
                    if (consultation is not null)
                    {
                        _ = consultation.HangupAsync(CallEndCause.NormalClearing, "Transferred");
                    }

                    return new TransferResult(TransferOutcome.Succeeded, response.StatusCode, status, watcher.Progress, reason);
                }

                return new TransferResult(TransferOutcome.Failed, response.StatusCode, status, watcher.Progress, reason);
            }

            return first == leg.Completion
                ? new TransferResult(TransferOutcome.LegEnded, response.StatusCode, null, watcher.Progress, "the leg ended before the final NOTIFY")
                : new TransferResult(TransferOutcome.TimedOut, response.StatusCode, null, watcher.Progress, "no final NOTIFY in time");
        }
        catch (TimeoutException)
        {
            return new TransferResult(TransferOutcome.TimedOut, 408, null, watcher.Progress, "no response to the REFER in time");
        }
        finally
        {
            Interlocked.CompareExchange(ref handler.Watcher, null, watcher);
        }
    }

    /// <summary>A REFER from the peer of <paramref name="referrer"/>: validated here, carried out in the background after the 202.</summary>
    private int OnRefer(CallLeg referrer, LegHandler handler, SipRequest refer)
    {
        NameAddress? referTo;
        try
        {
            referTo = refer.ReferTo;
        }
        catch (CallCenterSdk.Sip.Parsing.SipParseException)
        {
            return 400;
        }

        if (referTo?.Uri is not SipUri target)
        {
            return 400; // RFC 3515 §2.4.2: exactly one Refer-To; we only follow SIP URIs
        }

        if (referrer.State != CallLegState.Connected)
        {
            return 403;
        }

        if (Interlocked.CompareExchange(ref handler.Transferring, 1, 0) != 0)
        {
            return 491; // one transfer at a time on a leg (Request Pending)
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await CarryOutAsync(referrer, target).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref handler.Transferring, 0);
            }
        });
        return 202;
    }

    private async Task CarryOutAsync(CallLeg referrer, SipUri target)
    {
        await NotifyAsync(referrer, 100, "Trying", final: false).ConfigureAwait(false);
        var partner = PartnerOf(referrer);
        if (target.Headers["Replaces"] is { } value && ParseReplaces(value) is { } replaces &&
            _engine.Agent.FindSession(replaces.CallId, replaces.ToTag!, replaces.FromTag!)?.UserState is CallLeg replacedLeg && partner is not null)
        {
            // The target dialog is one of ours (the referrer consulted through us): join the two partners here
            // instead of calling ourselves.
            var targetPartner = PartnerOf(replacedLeg);
            if (targetPartner is not null)
            {
                MoveCall(referrer, targetPartner, keep: partner);
                await NotifyAsync(referrer, 200, "OK", final: true).ConfigureAwait(false);
                _ = replacedLeg.HangupAsync(CallEndCause.NormalClearing, "Transferred");
                _ = referrer.HangupAsync(CallEndCause.NormalClearing, "Transferred");
                return;
            }
        }

        if (ResolveTarget(target) is not { } ringTarget)
        {
            await NotifyAsync(referrer, 404, "Not Found", final: true).ConfigureAwait(false);
            return;
        }

        CallLeg leg;
        try
        {
            leg = _engine.Dial(ringTarget.Uri, IdentityFor(partner ?? referrer, partner is not null), ringTarget.Destination);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or CallCenterSdk.Media.Transport.MediaPortsExhaustedException)
        {
            await NotifyAsync(referrer, 503, "Service Unavailable", final: true).ConfigureAwait(false);
            return;
        }

        try
        {
            await leg.WaitForAnswerAsync().WaitAsync(Timeout, _engine.Time).ConfigureAwait(false);
        }
        catch (CallFailedException e)
        {
            await NotifyAsync(referrer, e.Cause.SipStatus is >= 300 and <= 699 ? e.Cause.SipStatus : 500, e.Cause.Reason, final: true).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            _ = leg.HangupAsync(Routing.CallRouter.NoAnswerCause, "No answer");
            await NotifyAsync(referrer, 408, "Request Timeout", final: true).ConfigureAwait(false);
            return;
        }

        MoveCall(referrer, leg, keep: partner);
        await NotifyAsync(referrer, 200, "OK", final: true).ConfigureAwait(false);
        _ = referrer.HangupAsync(CallEndCause.NormalClearing, "Transferred");
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="old"/> was: bridged to its partner, or handed to the application.</summary>
    private void MoveCall(CallLeg old, CallLeg replacement, CallLeg? keep = null)
    {
        var partner = keep ?? PartnerOf(old);
        if (partner is not null)
        {
            if (BridgeOf(partner) is { } previous)
            {
                previous.Stop();
                Forget(previous);
            }

            if (BridgeOf(replacement) is { } replacementBridge)
            {
                replacementBridge.Stop();
                Forget(replacementBridge);
            }

            var bridge = new Bridge(partner, replacement);
            bridge.Start();
            Track(bridge);
        }

        Transferred?.Invoke(old, replacement);
    }

    private CallLeg? PartnerOf(CallLeg leg) =>
        BridgeOf(leg) is { } bridge ? (ReferenceEquals(bridge.First, leg) ? bridge.Second : bridge.First) : null;

    private void Forget(Bridge bridge)
    {
        _bridges.TryRemove(new KeyValuePair<CallLeg, Bridge>(bridge.First, bridge));
        _bridges.TryRemove(new KeyValuePair<CallLeg, Bridge>(bridge.Second, bridge));
    }

    /// <summary>
    /// Reports progress to the referrer (RFC 3515 §2.4.5); the NOTIFY with a final status ends the implicit
    /// subscription and is awaited, so the referrer learns the outcome before any BYE we send after it.
    /// </summary>
    private static async Task NotifyAsync(CallLeg referrer, int status, string reason, bool final)
    {
        if (referrer.State != CallLegState.Connected)
        {
            return;
        }

        try
        {
            var sent = referrer.Session.SendRequestAsync(SipMethod.Notify,
                [new("Event", ReferEvent), new("Subscription-State", final ? "terminated;reason=noresource" : "active;expires=60")],
                SipFrag.ContentType, SipFrag.Format(status, reason));
            if (final)
            {
                await Task.WhenAny(sent, referrer.Completion).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // The dialog ended meanwhile: nobody is left to tell.
        }
    }

    /// <summary>The From for the leg to the target: the partner's identity in a B2BUA, else our own.</summary>
    private static string IdentityFor(CallLeg leg, bool remote)
    {
        var invite = leg.Session.Invite;
        var party = (leg.Direction == CallDirection.Inbound) == remote ? invite.From : invite.To;
        return new NameAddress(party.Uri, party.DisplayName).ToString();
    }

    private static ReplacesHeader? ParseReplaces(string value)
    {
        // The Replaces of a Refer-To arrives as an unescaped URI header: callid;to-tag=..;from-tag=..
        var parts = value.Split(';');
        var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Select(kv => new SipParameter(kv[0].Trim(), kv.Length > 1 ? kv[1].Trim() : null)).ToList();
        var header = parts[0].Length > 0 ? new ReplacesHeader(parts[0].Trim(), new SipParameters(parameters)) : null;
        return header is { ToTag: not null, FromTag: not null } ? header : null;
    }

    private LegHandler HandlerOf(CallLeg leg) => _handlers.GetOrAdd(leg, l =>
    {
        var handler = new LegHandler(this, l.InDialogRequestHandler);
        l.InDialogRequestHandler = handler.Handle;
        l.Ended += (ended, cause) => _handlers.TryRemove(ended, out var removed);
        return handler;
    });

    /// <summary>The in-dialog request handler of one leg: REFER and refer NOTIFYs here, anything else to the handler before us.</summary>
    private sealed class LegHandler(TransferService service, Func<CallLeg, SipRequest, int>? next)
    {
        public volatile bool AcceptRefer;
        public ReferWatcher? Watcher;
        public int Transferring;

        public int Handle(CallLeg leg, SipRequest request)
        {
            if (request.Method == SipMethod.Refer)
            {
                return AcceptRefer ? service.OnRefer(leg, this, request) : next?.Invoke(leg, request) ?? 403;
            }

            if (request.Method == SipMethod.Notify && string.Equals(request.Event?.Package, ReferEvent, StringComparison.OrdinalIgnoreCase))
            {
                // RFC 6665 §4.1.3: a NOTIFY for no subscription of ours gets 481.
                return Volatile.Read(ref Watcher)?.OnNotify(request) ?? next?.Invoke(leg, request) ?? 481;
            }

            return next?.Invoke(leg, request) ?? 501;
        }
    }
}
