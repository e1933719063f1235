using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Media.Transport;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Calls.Channel;

/// <summary>
/// The IVR's view of a real call: an <see cref="ICallChannel"/> over a <see cref="CallLeg"/>, so flows run on SIP
/// calls. Prompts play on the leg's media, DTMF arrives from RFC 4733, SIP INFO or in-band detection as one event,
/// and the leg's end (with its SIP status and Q.850 cause) ends the flow. Queue and agent transfers go to the
/// host's <see cref="IAcdTransferHandler"/>; extensions and external numbers are dialled here, with ringback to the
/// caller, the ring timeout, and a <see cref="Bridge"/> once the far end answers. A target still ringing when the
/// attempt ends unanswered is CANCELled with Q.850 cause 19 (no answer), whether the channel's ring timer (on the
/// engine's clock) or the caller of <see cref="TransferAsync"/> ended it; with 16 (caller gone) only when the caller
/// hung up.
/// </summary>
public sealed class CallLegChannel : ICallChannel
{
    private readonly CallEngine _engine;
    private readonly CallLegChannelOptions _options;
    private readonly object _gate = new();
    private readonly ConcurrentQueue<DtmfReceivedEventArgs> _digits = new();
    private int _draining;
    private CallHungUpEventArgs? _hangUp;
    private bool _flowHangUp;
    private Bridge? _transferBridge;

    /// <summary>Wraps <paramref name="leg"/> (a leg of <paramref name="engine"/>) for the tenant <paramref name="tenantId"/>.</summary>
    /// <exception cref="ArgumentException">The tenant id is empty.</exception>
    public CallLegChannel(CallEngine engine, CallLeg leg, string tenantId, CallLegChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(leg);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        _engine = engine;
        Leg = leg;
        TenantId = tenantId;
        _options = options ?? new CallLegChannelOptions();
        Variables = BuildVariables(leg, _options.Variables);
        leg.DtmfReceived += OnDtmf;
        leg.Ended += OnEnded;
        if (leg.EndCause is { } cause)
        {
            OnEnded(leg, cause);
        }
    }

    /// <summary>The leg the flow talks to.</summary>
    public CallLeg Leg { get; }

    /// <summary>The bridge to the far end once an extension or external transfer was answered, else null.</summary>
    public Bridge? TransferBridge
    {
        get { lock (_gate) { return _transferBridge; } }
    }

    /// <inheritdoc />
    public string CallId => Leg.CallId;

    /// <inheritdoc />
    public string TenantId { get; }

    /// <inheritdoc />
    public string CallerNumber => Leg.RemoteNumber ?? string.Empty;

    /// <inheritdoc />
    public string CalledNumber => Leg.LocalNumber ?? string.Empty;

    /// <inheritdoc />
    public AudioFormat Format => Leg.Media.Format;

    /// <inheritdoc />
    public bool IsHungUp => Leg.State == CallLegState.Ended;

    /// <summary>
    /// The host's variables plus, unless the host set the same name, what the INVITE said: <c>sip.call_id</c>,
    /// <c>sip.from_uri</c>, <c>sip.from_name</c>, <c>sip.to_uri</c>, <c>sip.request_uri</c>, <c>sip.user_agent</c>,
    /// <c>sip.subject</c>, <c>sip.p_asserted_identity</c>, <c>sip.diversion</c>, and every <c>X-</c> header as
    /// <c>sip.x_name</c> (lower case, '-' as '_', so flows can name it as <c>call.var.sip.x_name</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>
    /// A digit from the caller (RFC 4733, SIP INFO or in-band), raised on the thread pool in the order the digits came,
    /// never on the media receive thread; a handler's exception is logged by the engine.
    /// </summary>
    public event EventHandler<DtmfReceivedEventArgs>? DtmfReceived;

    /// <inheritdoc />
    public event EventHandler<CallHungUpEventArgs>? HungUp;

    /// <inheritdoc />
    public ValueTask PlayAsync(IAudioSource source, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        if (IsHungUp)
        {
            return ValueTask.FromCanceled(new CancellationToken(true));
        }

        return PlayUntilEndOrHangUpAsync(source, cancellationToken);
    }

    /// <inheritdoc />
    public IDisposable Listen(IAudioSink sink) => Leg.Listen(sink);

    private async ValueTask PlayUntilEndOrHangUpAsync(IAudioSource source, CancellationToken cancellationToken)
    {
        // The media session resamples a prompt at another rate and drops it at the next frame when cancelled.
        await Leg.PlayAsync(source, cancellationToken).ConfigureAwait(false);

        // A leg that ends closes its media, which completes the prompt: that is a hang-up, not the prompt's end.
        if (IsHungUp)
        {
            throw new OperationCanceledException("The call ended during playback.");
        }
    }

    /// <inheritdoc />
    public async ValueTask HangUpAsync(string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _flowHangUp = true;
        }

        await Leg.HangupAsync(CallEndCause.NormalClearing, string.IsNullOrEmpty(reason) ? null : reason).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// An extension or external target is rung for at most <paramref name="ringTimeout"/> on the engine's
    /// <see cref="CallEngine.Time"/> and then CANCELled with Q.850 19, returning <see cref="TransferOutcome.NoAnswer"/>.
    /// When <paramref name="cancellationToken"/> fires first (the flow's own ring timer, step timeout or hang-up) the
    /// ringing target is CANCELled too, with Q.850 19 unless the caller hung up (then 16, "caller gone"), and the
    /// cancellation is thrown for the flow to handle.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A queue or agent transfer without <see cref="CallLegChannelOptions.AcdTransfers"/>.</exception>
    public async ValueTask<TransferResult> TransferAsync(TransferTarget target, TimeSpan ringTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ringTimeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        if (IsHungUp)
        {
            throw new OperationCanceledException("The caller hung up before the transfer.", cancellationToken);
        }

        switch (target.Kind)
        {
            case TransferTargetKind.Queue or TransferTargetKind.Agent:
                var handler = _options.AcdTransfers ?? throw new InvalidOperationException(
                    $"A transfer to {target.Kind} '{target.Address}' needs an ACD: set CallLegChannelOptions.AcdTransfers.");
                return await handler.TransferAsync(this, target, ringTimeout, cancellationToken).ConfigureAwait(false);
            case TransferTargetKind.Extension or TransferTargetKind.External:
                return await DialTransferAsync(target, ringTimeout, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "Unknown transfer target kind.");
        }
    }

    /// <summary>Maps a SIP final status of a failed transfer leg to the IVR's outcome.</summary>
    public static TransferOutcome OutcomeOf(int sipStatus) => sipStatus switch
    {
        486 or 600 => TransferOutcome.Busy,
        408 or 480 or 487 => TransferOutcome.NoAnswer,
        403 or 404 or 410 or 484 or 485 or 603 or 604 => TransferOutcome.Rejected,
        _ => TransferOutcome.Failed,
    };

    private async Task<TransferResult> DialTransferAsync(TransferTarget target, TimeSpan ringTimeout, CancellationToken cancellationToken)
    {
        var route = Route(target);
        if (route is null)
        {
            return new TransferResult(TransferOutcome.Failed, $"no route to {target.Kind} '{target.Address}': set CallLegChannelOptions.DialPlan");
        }

        CallLeg outbound;
        try
        {
            outbound = _engine.Dial(route.Target, _options.TransferFrom ?? DefaultFrom(), route.Destination);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or SipParseException or System.Net.Sockets.SocketException or MediaPortsExhaustedException)
        {
            return new TransferResult(TransferOutcome.Failed, $"cannot dial {route.Target}: {e.Message}");
        }

        using var ringback = new CancellationTokenSource();
        var playing = _options.RingbackCountry is { } country
            ? PlayRingbackAsync(country, ringback.Token)
            : Task.CompletedTask;

        // The caller may hang up while the target rings even when the flow's token does not say so.
        using var callerGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCallerEnded(CallLeg leg, CallEndCause cause)
        {
            try
            {
                callerGone.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The transfer finished as the caller left.
            }
        }

        Leg.Ended += OnCallerEnded;
        try
        {
            if (IsHungUp)
            {
                await callerGone.CancelAsync().ConfigureAwait(false);
            }

            await outbound.WaitForAnswerAsync(callerGone.Token).WaitAsync(ringTimeout, _engine.Time, callerGone.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await HangUpBoundedAsync(outbound, CallEndCause.NoAnswer, "no answer").ConfigureAwait(false);
            return new TransferResult(TransferOutcome.NoAnswer, $"no answer from {route.Target} within {ringTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (CallFailedException e)
        {
            return new TransferResult(OutcomeOf(e.Cause.SipStatus), $"{e.Cause.SipStatus} {e.Cause.Reason}");
        }
        catch (OperationCanceledException)
        {
            // Do not leave the target ringing. Only a caller who hung up is "caller gone": anything else that stops
            // the attempt first (the flow's ring timer on the same duration, its step timeout) gave up on an unanswered
            // target, so the cause does not depend on which timer fired first.
            if (IsHungUp)
            {
                await HangUpBoundedAsync(outbound, CallEndCause.NormalClearing, "caller gone").ConfigureAwait(false);
            }
            else
            {
                await HangUpBoundedAsync(outbound, CallEndCause.NoAnswer, "no answer").ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            Leg.Ended -= OnCallerEnded;
            await ringback.CancelAsync().ConfigureAwait(false);
            await playing.ConfigureAwait(false);
        }

        var bridge = new Bridge(Leg, outbound);
        lock (_gate)
        {
            _transferBridge = bridge;
        }

        bridge.Start();
        return new TransferResult(TransferOutcome.Completed, $"bridged to {route.Target}");
    }

    /// <summary>CANCEL (or BYE) the transfer leg, waiting briefly: a peer that never answers the CANCEL must not hold up the flow.</summary>
    private static async Task HangUpBoundedAsync(CallLeg leg, int q850Cause, string text) =>
        await Task.WhenAny(leg.HangupAsync(q850Cause, text), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);

    private async Task PlayRingbackAsync(string country, CancellationToken cancellationToken)
    {
        var tone = new ToneGenerator(CallProgressTones.For(country, CallProgressTone.Ringback), Format);
        try
        {
            await Leg.PlayAsync(tone, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped because the transfer was answered, failed or abandoned.
        }
    }

    private TransferRoute? Route(TransferTarget target)
    {
        if (_options.DialPlan is { } plan)
        {
            return plan(target);
        }

        if (!target.Address.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return AddressUri.Parse(target.Address) is SipUri ? new TransferRoute(target.Address) : null;
        }
        catch (SipParseException)
        {
            return null;
        }
    }

    private string DefaultFrom()
    {
        var host = Leg.Media.LocalRtpEndPoint.Address.ToString();
        var number = string.IsNullOrEmpty(Leg.RemoteNumber) ? "anonymous" : Leg.RemoteNumber;
        return $"<sip:{number}@{host}>";
    }

    private void OnDtmf(CallLeg leg, char digit, DtmfSource source)
    {
        var symbol = char.ToUpperInvariant(digit);
        if (!DtmfDigits.IsValid(symbol))
        {
            return;
        }

        var transport = source switch
        {
            DtmfSource.Rfc4733 => DtmfTransport.TelephoneEvent,
            DtmfSource.SipInfo => DtmfTransport.SipInfo,
            _ => DtmfTransport.InBand,
        };
        // RFC 4733 and in-band digits come on the media receive thread that many legs share: the flow (prompts, the
        // ACD, the CRM) runs on the pool instead, one digit after the other in the order they came.
        _digits.Enqueue(new DtmfReceivedEventArgs(symbol, transport));
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static channel => channel.RaiseDigits(), this, preferLocal: false);
        }
    }

    private void RaiseDigits()
    {
        while (true)
        {
            while (_digits.TryDequeue(out var digit))
            {
                try
                {
                    DtmfReceived?.Invoke(this, digit);
                }
                catch (Exception e)
                {
                    _engine.ReportDtmfHandlerFailure(Leg, e);
                }
            }

            Volatile.Write(ref _draining, 0);
            if (_digits.IsEmpty || Interlocked.Exchange(ref _draining, 1) != 0)
            {
                return;
            }
        }
    }

    private void OnEnded(CallLeg leg, CallEndCause cause)
    {
        CallHungUpEventArgs args;
        lock (_gate)
        {
            if (_hangUp is not null)
            {
                return;
            }

            var party = cause.Party switch
            {
                CallEndParty.Remote => HangUpParty.Caller,
                CallEndParty.Local when _flowHangUp => HangUpParty.Flow,
                _ => HangUpParty.System,
            };
            args = new CallHungUpEventArgs(party, Describe(cause));
            _hangUp = args;
        }

        HungUp?.Invoke(this, args);
    }

    private static string Describe(CallEndCause cause)
    {
        var text = string.IsNullOrWhiteSpace(cause.Reason) ? "call ended" : cause.Reason;
        return string.Create(CultureInfo.InvariantCulture, $"{text} (SIP {cause.SipStatus}, Q.850 cause {cause.Q850Cause})");
    }

    private static Dictionary<string, string> BuildVariables(CallLeg leg, IReadOnlyDictionary<string, string>? given)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (given is not null)
        {
            foreach (var pair in given)
            {
                variables[pair.Key] = pair.Value;
            }
        }

        var invite = leg.Session.Invite;
        var remote = leg.Direction == CallDirection.Inbound ? invite.From : invite.To;
        var local = leg.Direction == CallDirection.Inbound ? invite.To : invite.From;
        Add(variables, "sip.call_id", invite.CallId);
        Add(variables, "sip.from_uri", remote.Uri.ToString());
        Add(variables, "sip.from_name", remote.DisplayName);
        Add(variables, "sip.to_uri", local.Uri.ToString());
        Add(variables, "sip.request_uri", invite.RequestUri.ToString());
        foreach (var header in invite.Headers)
        {
            var name = header.CanonicalName;
            if (name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) || name.Equals("Subject", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("P-Asserted-Identity", StringComparison.OrdinalIgnoreCase) || name.Equals("Diversion", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
            {
                Add(variables, "sip." + VariableName(name), header.Value);
            }
        }

        return variables;
    }

    private static string VariableName(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return builder.ToString();
    }

    private static void Add(Dictionary<string, string> variables, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            variables.TryAdd(name, value);
        }
    }
}
