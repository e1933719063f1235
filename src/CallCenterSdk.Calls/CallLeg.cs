using System.Globalization;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Sdp;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Calls;

/// <summary>
/// One SIP dialog with its media: an inbound call we answer or an outbound call we place. Answer, reject, ring
/// (with or without early media), hang up with a cause, hold and resume with re-INVITE, play, listen, send and
/// receive DTMF (RFC 4733, SIP INFO and in-band surfaced as one event). Events are raised on SIP or media
/// threads, never under a lock of the SDK.
/// </summary>
public sealed class CallLeg
{
    private const string SdpType = "application/sdp";
    private static long _nextId;

    private readonly CallEngine _engine;
    private readonly TaskCompletionSource<CallEndCause> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private byte[]? _answer;
    private TaskCompletionSource<SipResponse>? _reInvite;
    private IDisposable? _holdMusic;
    private ReadOnlyMemory<byte> _appliedRemote;
    private int _state;

    internal CallLeg(CallEngine engine, InviteSession session, MediaSession media, CallDirection direction, byte[]? answer)
    {
        _engine = engine;
        Session = session;
        Media = media;
        Direction = direction;
        _answer = answer;
        Sequence = Interlocked.Increment(ref _nextId);
        Id = "leg-" + Sequence.ToString(CultureInfo.InvariantCulture);
        CreatedAt = engine.Time.GetUtcNow();
        var invite = session.Invite;
        var remote = direction == CallDirection.Inbound ? invite.From : invite.To;
        var local = direction == CallDirection.Inbound ? invite.To : invite.From;
        RemoteUri = remote.Uri;
        RemoteDisplayName = remote.DisplayName;
        RemoteNumber = NumberOf(remote.Uri);
        LocalNumber = direction == CallDirection.Inbound ? NumberOf(invite.RequestUri) ?? NumberOf(local.Uri) : NumberOf(local.Uri);
        session.UserState = this;
        session.Progress += OnProgress;
        session.Established += OnEstablished;
        session.Ended += OnEnded;
        session.DtmfReceived += (_, digit, _) => RaiseDtmf(digit, DtmfSource.SipInfo);
        session.ReInviteHandler = OnReInvite;
        session.ReInviteAnswered += OnReInviteAnswered;
        session.InDialogRequestHandler = (_, request) => InDialogRequestHandler?.Invoke(this, request) ?? 501;
        media.DtmfReceived += (_, digit, source) => RaiseDtmf(digit, source);
    }

    /// <summary>A process-unique id (leg-N).</summary>
    public string Id { get; }

    /// <summary>N of <see cref="Id"/>: legs in the order they were created.</summary>
    internal long Sequence { get; }

    /// <summary>The SIP Call-ID of the dialog.</summary>
    public string CallId => Session.CallId;

    /// <summary>Who started the leg.</summary>
    public CallDirection Direction { get; }

    /// <summary>The state.</summary>
    public CallLegState State => (CallLegState)Volatile.Read(ref _state);

    /// <summary>The SIP side.</summary>
    public InviteSession Session { get; }

    /// <summary>The media side.</summary>
    public MediaSession Media { get; }

    /// <summary>The peer's URI (From of an inbound call, To of an outbound one).</summary>
    public AddressUri RemoteUri { get; }

    /// <summary>The peer's display name, if signalled.</summary>
    public string? RemoteDisplayName { get; }

    /// <summary>The peer's number: the caller (ANI) inbound, the callee outbound.</summary>
    public string? RemoteNumber { get; }

    /// <summary>Our number: the dialled number (DNIS) inbound, the calling number outbound.</summary>
    public string? LocalNumber { get; }

    /// <summary>When the leg was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it was answered, or null.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>When it ended, or null.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>How it ended, once it has.</summary>
    public CallEndCause? EndCause { get; private set; }

    /// <summary>True while we hold the peer (our re-INVITE with sendonly/inactive was accepted).</summary>
    public bool IsOnHold { get; private set; }

    /// <summary>True while the peer holds us (its re-INVITE said sendonly/inactive).</summary>
    public bool IsHeldByRemote => Media.IsRemoteHold;

    /// <summary>Completes with the cause when the leg ends.</summary>
    public Task<CallEndCause> Completion => _ended.Task;

    /// <summary>Anything the application keeps with the leg (the call it belongs to, a tenant).</summary>
    public object? Tag { get; set; }

    /// <summary>
    /// Handles in-dialog requests other than re-INVITE, BYE and INFO (REFER, NOTIFY, MESSAGE...): returns the
    /// status to answer. Without a handler they get 501.
    /// </summary>
    public Func<CallLeg, SipRequest, int>? InDialogRequestHandler { get; set; }

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    public event Action<CallLeg, CallLegState>? StateChanged;

    /// <summary>
    /// Raised for every DTMF digit, however it arrived. RFC 4733 and in-band digits are raised on the media receive
    /// thread that reads this leg's RTP (with the engine's poller, shared by many legs): handlers must return quickly and
    /// never block; hand slow work to a task.
    /// </summary>
    public event Action<CallLeg, char, DtmfSource>? DtmfReceived;

    /// <summary>Raised when the peer holds or resumes us (a re-INVITE changed the direction).</summary>
    public event Action<CallLeg, bool>? RemoteHoldChanged;

    /// <summary>Raised once when the leg ends.</summary>
    public event Action<CallLeg, CallEndCause>? Ended;

    /// <summary>Sends 180 Ringing (inbound).</summary>
    public void Ring()
    {
        RequireInbound();
        Session.Ring(180);
        SetState(CallLegState.Ringing);
    }

    /// <summary>Sends 183 Session Progress with our answer and starts media: early media (announcements, ringback) before answering.</summary>
    public void StartEarlyMedia()
    {
        RequireInbound();
        var answer = _answer ?? throw new InvalidOperationException("The INVITE carried no offer; early media needs one (RFC 3264): answer instead.");
        Session.Ring(183, SdpType, answer);
        Media.Start();
        SetState(CallLegState.EarlyMedia);
    }

    /// <summary>Answers (200 OK with our answer, or our offer when the INVITE had none) and starts media.</summary>
    /// <exception cref="InvalidOperationException">Not an inbound leg, or the call has its final response already: most
    /// often the caller cancelled a moment before (the message says so, and <see cref="Ended"/> reports it).</exception>
    public void Answer()
    {
        RequireInbound();
        if (_answer is { } answer)
        {
            Session.Answer(SdpType, answer);
            Media.Start();
        }
        else
        {
            Session.Answer(SdpType, Media.CreateOffer());
        }
    }

    /// <summary>Rejects an inbound call (486 busy, 480 unavailable, 603 decline...).</summary>
    public void Reject(int statusCode = 486, string? reason = null)
    {
        RequireInbound();
        Session.Reject(statusCode, reason);
    }

    /// <summary>Completes when the leg is answered; throws <see cref="CallFailedException"/> when it ends first.</summary>
    public async Task WaitForAnswerAsync(CancellationToken cancellationToken = default)
    {
        var first = await Task.WhenAny(_answered.Task, _ended.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first == _ended.Task && !_answered.Task.IsCompleted)
        {
            throw new CallFailedException(await _ended.Task.ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Ends the leg: BYE when answered, CANCEL for an outbound call still ringing, 603 for an inbound call not
    /// answered; the Q.850 cause goes into a Reason header (RFC 3326). Completes when the leg has ended.
    /// </summary>
    public async Task<CallEndCause> HangupAsync(int q850Cause = CallEndCause.NormalClearing, string? text = null)
    {
        if (State != CallLegState.Ended)
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"Q.850;cause={q850Cause}") + (text is null ? string.Empty : $";text=\"{text.Replace("\"", "'", StringComparison.Ordinal)}\"");
            Session.Hangup(reason);
        }

        return await _ended.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Holds the peer: re-INVITE with sendonly (RFC 3264 §8.4, or inactive when <paramref name="inactive"/>) and,
    /// when given, music on hold played until <see cref="ResumeAsync"/>. An inbound leg answered a moment ago is held
    /// once the caller's ACK is in.
    /// </summary>
    /// <exception cref="InvalidOperationException">The leg is not connected (nor answered and awaiting its ACK), or a
    /// re-INVITE is in progress, or the peer refused it.</exception>
    public async Task HoldAsync(IAudioSource? musicOnHold = null, bool inactive = false, CancellationToken cancellationToken = default)
    {
        await ReInviteAsync(inactive ? SdpDirection.Inactive : SdpDirection.SendOnly, cancellationToken).ConfigureAwait(false);
        IsOnHold = true;
        if (musicOnHold is not null && !inactive)
        {
            _holdMusic?.Dispose();
            _holdMusic = Media.Hear(musicOnHold);
        }
    }

    /// <summary>Resumes the peer: re-INVITE with sendrecv, music on hold stopped.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        _holdMusic?.Dispose();
        _holdMusic = null;
        await ReInviteAsync(SdpDirection.SendReceive, cancellationToken).ConfigureAwait(false);
        IsOnHold = false;
    }

    /// <summary>Plays audio to the peer until it ends (see <see cref="MediaSession.PlayAsync"/>).</summary>
    public Task PlayAsync(IAudioSource source, CancellationToken cancellationToken = default) => Media.PlayAsync(source, cancellationToken);

    /// <summary>Sends what the peer says to <paramref name="sink"/> until the handle is disposed.</summary>
    public IDisposable Listen(IAudioSink sink) => Media.Listen(sink);

    /// <summary>Adds a source the peer hears until the handle is disposed.</summary>
    public IDisposable Hear(IAudioSource source) => Media.Hear(source);

    /// <summary>Sends DTMF: RFC 4733 when negotiated, else in-band; or SIP INFO when <paramref name="useSipInfo"/>.</summary>
    public async Task SendDtmfAsync(string digits, bool useSipInfo = false, int durationMs = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (!useSipInfo)
        {
            await Media.SendDtmfAsync(digits, durationMs, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var digit in digits)
        {
            Session.SendInfo(DtmfRelay.ContentType, DtmfRelay.Format(digit, durationMs));
            await Task.Delay(TimeSpan.FromMilliseconds(durationMs + 60), _engine.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Receive quality for CDRs (jitter, loss, RTT, MOS).</summary>
    public MediaStatistics GetStatistics() => Media.GetStatistics();

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Direction} {RemoteNumber} {State}";

    private async Task ReInviteAsync(SdpDirection direction, CancellationToken cancellationToken)
    {
        if (State != CallLegState.Connected && Session.State == Sip.UserAgent.InviteSessionState.Answering)
        {
            // Answered a moment ago: the caller's ACK is on its way, and no re-INVITE may go before it (RFC 3261 §14.1,
            // the INVITE is not done until then). Hold once it is in.
            await Task.WhenAny(_answered.Task, _ended.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (State != CallLegState.Connected)
        {
            throw new InvalidOperationException($"The leg is {State}; only a connected leg can be held or resumed.");
        }

        var pending = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_reInvite is not null)
            {
                throw new InvalidOperationException("A re-INVITE is already in progress on this leg.");
            }

            _reInvite = pending;
        }

        try
        {
            Session.SendReInvite(SdpType, Media.CreateReoffer(direction));
            var response = await Task.WhenAny(pending.Task, _ended.Task).WaitAsync(cancellationToken).ConfigureAwait(false) == pending.Task
                ? await pending.Task.ConfigureAwait(false)
                : throw new CallFailedException(await _ended.Task.ConfigureAwait(false));
            if (response.StatusCode is < 200 or >= 300)
            {
                Media.CancelOffer();
                throw new InvalidOperationException($"The peer refused the re-INVITE: {response.StatusCode} {response.ReasonPhrase}.");
            }

            Media.ApplyAnswer(response.Body.Span);
        }
        finally
        {
            lock (_gate)
            {
                _reInvite = null;
            }
        }
    }

    private void OnReInviteAnswered(InviteSession session, SipResponse response)
    {
        TaskCompletionSource<SipResponse>? pending;
        lock (_gate)
        {
            pending = _reInvite;
        }

        pending?.TrySetResult(response);
    }

    private ReadOnlyMemory<byte>? OnReInvite(InviteSession session, SipRequest request)
    {
        if (request.Body.IsEmpty)
        {
            // An offerless re-INVITE: we offer in the 200 and take the answer from the ACK.
            return Media.CreateOffer();
        }

        var wasHeld = Media.IsRemoteHold;
        var answer = Media.AnswerOffer(request.Body.Span);
        _appliedRemote = request.Body;
        if (wasHeld != Media.IsRemoteHold)
        {
            RemoteHoldChanged?.Invoke(this, Media.IsRemoteHold);
        }

        return answer;
    }

    private void OnProgress(InviteSession session, SipResponse response)
    {
        if (!response.Body.IsEmpty && response.ContentType?.ToString().StartsWith(SdpType, StringComparison.OrdinalIgnoreCase) != false)
        {
            if (TryApplyRemoteAnswer(response.Body))
            {
                Media.Start();
                SetState(CallLegState.EarlyMedia);
                return;
            }
        }

        if (response.StatusCode is 180 or 183 && State == CallLegState.Setup)
        {
            SetState(CallLegState.Ringing);
        }
    }

    private void OnEstablished(InviteSession session)
    {
        if (Direction == CallDirection.Outbound || _answer is null)
        {
            // Our offer went in the INVITE (outbound) or in the 200 (offerless inbound): the answer is in the 2xx or the ACK.
            if (!session.RemoteBody.IsEmpty && !TryApplyRemoteAnswer(session.RemoteBody))
            {
                session.Hangup("Q.850;cause=65;text=\"no usable media\"");
                return;
            }

            Media.Start();
        }

        AnsweredAt = _engine.Time.GetUtcNow();
        SetState(CallLegState.Connected);
        _answered.TrySetResult();
    }

    private bool TryApplyRemoteAnswer(ReadOnlyMemory<byte> body)
    {
        if (_appliedRemote.Span.SequenceEqual(body.Span) && Media.IsNegotiated)
        {
            return true;
        }

        try
        {
            Media.ApplyAnswer(body.Span);
            _appliedRemote = body;
            return true;
        }
        catch (MediaNegotiationException)
        {
            return false;
        }
    }

    private void OnEnded(InviteSession session, SessionEndReason reason)
    {
        var cause = CallEndCause.From(reason);
        EndCause = cause;
        EndedAt = _engine.Time.GetUtcNow();
        _holdMusic?.Dispose();
        SetState(CallLegState.Ended);
        _engine.OnLegEnded(this);
        _ = DisposeMediaAsync();
        Ended?.Invoke(this, cause);
        _ended.TrySetResult(cause);
        lock (_gate)
        {
            _reInvite?.TrySetCanceled();
        }
    }

    /// <summary>A call that failed while being placed (no transport) ended before this leg subscribed to it.</summary>
    internal void CatchUpIfEnded()
    {
        if (Session.State == InviteSessionState.Terminated && EndCause is null && Session.EndReason is { } reason)
        {
            OnEnded(Session, reason);
        }
    }

    private async Task DisposeMediaAsync()
    {
        try
        {
            await Media.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            _engine.ReportMediaFailure(this, e);
        }
    }

    private void SetState(CallLegState state)
    {
        var previous = (CallLegState)Interlocked.Exchange(ref _state, (int)state);
        if (previous == CallLegState.Ended && state != CallLegState.Ended)
        {
            Volatile.Write(ref _state, (int)CallLegState.Ended);
            return;
        }

        if (previous != state)
        {
            StateChanged?.Invoke(this, state);
        }
    }

    private void RaiseDtmf(char digit, DtmfSource source) => DtmfReceived?.Invoke(this, digit, source);

    private void RequireInbound()
    {
        if (Direction != CallDirection.Inbound)
        {
            throw new InvalidOperationException("Only an inbound leg can be rung, answered or rejected.");
        }
    }

    private static string? NumberOf(AddressUri uri) => uri switch
    {
        SipUri sip => sip.User,
        TelUri tel => tel.Number,
        _ => null,
    };
}
