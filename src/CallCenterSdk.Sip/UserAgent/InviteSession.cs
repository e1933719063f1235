using CallCenterSdk.Sip.Dialogs;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transactions;

namespace CallCenterSdk.Sip.UserAgent;

/// <summary>
/// One call leg set up by INVITE, in either direction: answer, reject, ring, hang up, re-INVITE (hold,
/// resume) and INFO. Events are raised on transport threads, never while a lock of the SDK is held.
/// </summary>
public sealed class InviteSession
{
    private readonly SipUserAgent _agent;
    private readonly object _gate = new();
    private ITimer? _retransmit2xx;
    private long _retransmitIntervalMs;
    private long _retransmitElapsedMs;
    private Dictionary<string, SipDialog>? _earlyDialogs; // made by the first forked provisional: most calls have none
    private Action<InviteSession>? _established;
    private Action<InviteSession, SessionEndReason>? _ended;
    private bool _establishedRaised;
    private bool _endedRaised;

    internal InviteSession(SipUserAgent agent, bool incoming, SipRequest invite)
    {
        _agent = agent;
        IsIncoming = incoming;
        Invite = invite;
    }

    /// <summary>True for a call we received.</summary>
    public bool IsIncoming { get; }

    /// <summary>The initial INVITE.</summary>
    public SipRequest Invite { get; internal set; }

    /// <summary>The Call-ID.</summary>
    public string CallId => Invite.CallId;

    /// <summary>The state.</summary>
    public InviteSessionState State { get; internal set; }

    /// <summary>The dialog, once a response with a tag exists.</summary>
    public SipDialog? Dialog { get; internal set; }

    /// <summary>The session description we last sent.</summary>
    public ReadOnlyMemory<byte> LocalBody { get; internal set; }

    /// <summary>The content type of <see cref="LocalBody"/>.</summary>
    public string? LocalContentType { get; internal set; }

    /// <summary>The session description the peer last sent (offer in an INVITE, or answer).</summary>
    public ReadOnlyMemory<byte> RemoteBody { get; internal set; }

    /// <summary>Why the session ended, once it has.</summary>
    public SessionEndReason? EndReason { get; internal set; }

    /// <summary>Anything the application wants to keep with the call.</summary>
    public object? UserState { get; set; }

    /// <summary>A provisional response arrived (outgoing calls): 180 ringing, 183 with early media.</summary>
    public event Action<InviteSession, SipResponse>? Progress;

    /// <summary>
    /// The call is up: 2xx and ACK exchanged. Raised once; a handler added after that is called at once, on the
    /// adding thread, because the answer of a placed call can be handled on a transport thread before
    /// <see cref="SipUserAgent.PlaceCall"/> has even returned to its caller.
    /// </summary>
    public event Action<InviteSession>? Established
    {
        add
        {
            lock (_gate)
            {
                if (!_establishedRaised)
                {
                    _established += value;
                    return;
                }
            }

            value?.Invoke(this);
        }

        remove
        {
            lock (_gate)
            {
                _established -= value;
            }
        }
    }

    /// <summary>
    /// The call ended; <see cref="EndReason"/> says why. Raised once; a handler added after that is called at once,
    /// on the adding thread (see <see cref="Established"/>).
    /// </summary>
    public event Action<InviteSession, SessionEndReason>? Ended
    {
        add
        {
            SessionEndReason? ended;
            lock (_gate)
            {
                ended = _endedRaised ? EndReason : null;
                if (ended is null)
                {
                    _ended += value;
                    return;
                }
            }

            value?.Invoke(this, ended);
        }

        remove
        {
            lock (_gate)
            {
                _ended -= value;
            }
        }
    }

    /// <summary>A DTMF digit arrived as SIP INFO (application/dtmf-relay), with its duration in ms.</summary>
    public event Action<InviteSession, char, int>? DtmfReceived;

    /// <summary>
    /// The peer sent a re-INVITE (hold, resume, codec change). The handler returns the answer body to send
    /// in the 200, or null to answer with our current description; its offer is in <see cref="RemoteBody"/>.
    /// </summary>
    public Func<InviteSession, SipRequest, ReadOnlyMemory<byte>?>? ReInviteHandler { get; set; }

    /// <summary>
    /// Handles in-dialog requests the user agent does not serve itself (REFER, NOTIFY, MESSAGE, SUBSCRIBE...):
    /// returns the status code to answer with (202 for an accepted REFER, for example). Without a handler
    /// such requests get 405 (known methods) or 501 (unknown ones) with an Allow header.
    /// </summary>
    public Func<InviteSession, SipRequest, int>? InDialogRequestHandler { get; set; }

    /// <summary>
    /// For an incoming INVITE with a Replaces header (RFC 3891): the session of ours it replaces, matched by the user
    /// agent (an INVITE naming no dialog of ours was answered 481 and never surfaces). Answer this one, then end
    /// that one.
    /// </summary>
    public InviteSession? ReplacedSession { get; internal set; }

    /// <summary>The early dialogs created by provisional responses with different To tags (a forked INVITE), by remote tag.</summary>
    public IReadOnlyDictionary<string, SipDialog> EarlyDialogs => (IReadOnlyDictionary<string, SipDialog>?)_earlyDialogs ?? NoEarlyDialogs;

    /// <summary>A re-INVITE we sent was answered (2xx) or refused (e.g. 491 glare).</summary>
    public event Action<InviteSession, SipResponse>? ReInviteAnswered;

    internal ServerInviteTransaction? ServerTransaction { get; set; }

    internal ClientInviteTransaction? ClientTransaction { get; set; }

    /// <summary>The re-INVITE we sent and await (its context), set before it leaves.</summary>
    internal object? PendingReInvite { get; set; }

    internal ServerInviteTransaction? PendingIncomingReInvite { get; set; }

    private volatile bool _cancelRequested;
    private int _cancelSent;

    /// <summary>Set by a local hang-up before the call is answered; read by the thread that handles responses.</summary>
    internal bool CancelRequested
    {
        get => _cancelRequested;
        set => _cancelRequested = value;
    }

    /// <summary>
    /// Claims the one CANCEL this call may send: a hang-up and a provisional response handled on the transport thread
    /// can both find the CANCEL due at once (§9.1), and only the first may send it (its branch is the INVITE's).
    /// </summary>
    internal bool TryClaimCancel() => Interlocked.Exchange(ref _cancelSent, 1) == 0;

    private int _finalResponse;

    /// <summary>
    /// Claims the one final response to an incoming INVITE for <paramref name="statusCode"/>: the application's answer
    /// or rejection and a CANCEL handled on the transport thread can race, and only the first may respond (§9.2: a
    /// CANCEL after the final response has no effect; an answer after the 487 is refused).
    /// </summary>
    internal bool TryClaimFinalResponse(int statusCode) => Interlocked.CompareExchange(ref _finalResponse, statusCode, 0) == 0;

    /// <summary>The final response claimed for an incoming INVITE; 0 while there is none.</summary>
    internal int FinalResponse => Volatile.Read(ref _finalResponse);

    internal string? CancelReason { get; set; }

    internal int Redirects { get; set; }

    internal int ChallengesAnswered { get; set; }

    /// <summary>The digest challenges answered so far, by the header their credentials go in (Authorization, Proxy-Authorization).</summary>
    internal Dictionary<string, (Authentication.DigestClient Client, IReadOnlyList<Authentication.DigestChallenge> Challenges)> Challenges { get; } =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends a provisional response (180 Ringing, or 183 with an early-media body).</summary>
    public void Ring(int statusCode = 180, string? contentType = null, ReadOnlyMemory<byte> body = default) =>
        _agent.SendProvisional(this, statusCode, contentType, body);

    /// <summary>Answers with 200 OK and our session description; it is retransmitted until the ACK (RFC 3261 §13.3.1.4).</summary>
    /// <exception cref="InvalidOperationException">Not an incoming call, or it has its final response already: answered,
    /// rejected, or cancelled by the caller (a CANCEL may arrive at any moment before the answer; the message says which).</exception>
    public void Answer(string contentType, ReadOnlyMemory<byte> body) => _agent.Answer(this, contentType, body);

    /// <summary>Rejects an incoming call with a final non-2xx (486 busy, 480 unavailable, 603 decline...).</summary>
    /// <exception cref="InvalidOperationException">Not an incoming call, or it has its final response already.</exception>
    public void Reject(int statusCode, string? reason = null) => _agent.Reject(this, statusCode, reason);

    /// <summary>
    /// Ends the call: BYE when established, CANCEL for an outgoing call not yet answered, 603 for an incoming one.
    /// Safe from any thread, at once and after the end: one BYE, CANCEL or 603 goes out, and a call that already has
    /// its end under way (the caller's CANCEL, another hang-up) is left to it. Between our 200 and its ACK the BYE
    /// waits for the ACK (RFC 3261 §15) or the 2xx's give-up.
    /// </summary>
    public void Hangup(string? reason = null) => _agent.Hangup(this, reason);

    /// <summary>Sends a re-INVITE with a new offer (sendonly/inactive for hold, sendrecv to resume).</summary>
    public void SendReInvite(string contentType, ReadOnlyMemory<byte> offer) => _agent.SendReInvite(this, contentType, offer);

    /// <summary>
    /// Sends a non-INVITE request in the dialog (NOTIFY for a REFER's progress, MESSAGE, OPTIONS...), with
    /// extra headers and an optional body.
    /// </summary>
    public void SendRequest(SipMethod method, IEnumerable<KeyValuePair<string, string>>? headers = null, string? contentType = null, ReadOnlyMemory<byte> body = default) =>
        _agent.SendInDialog(this, method, headers, contentType, body);

    /// <summary>
    /// Sends a non-INVITE request in the dialog, as <see cref="SendRequest"/>, and completes with its final
    /// response (202 or a refusal for a REFER). A timeout completes with a locally made 408 and a transport
    /// failure with a 503 (RFC 3261 §8.1.3.1).
    /// </summary>
    public Task<SipResponse> SendRequestAsync(SipMethod method, IEnumerable<KeyValuePair<string, string>>? headers = null, string? contentType = null, ReadOnlyMemory<byte> body = default) =>
        _agent.SendInDialogAsync(this, method, headers, contentType, body);

    /// <summary>Sends an INFO in the dialog (e.g. <see cref="DtmfRelay"/>).</summary>
    public void SendInfo(string contentType, ReadOnlyMemory<byte> body) => _agent.SendInfo(this, contentType, body);

    internal void RaiseProgress(SipResponse response) => Progress?.Invoke(this, response);

    internal void AddEarlyDialog(SipDialog dialog) => (_earlyDialogs ??= new(StringComparer.Ordinal)).TryAdd(dialog.RemoteTag, dialog);

    private static readonly IReadOnlyDictionary<string, SipDialog> NoEarlyDialogs = new Dictionary<string, SipDialog>();

    internal void RaiseDtmf(char digit, int durationMs) => DtmfReceived?.Invoke(this, digit, durationMs);

    internal void RaiseReInviteAnswered(SipResponse response) => ReInviteAnswered?.Invoke(this, response);

    private bool _hangupAfterAck;
    private string? _hangupAfterAckReason;

    /// <summary>
    /// RFC 3261 §15: the callee must not send BYE before the ACK of its 2xx (or the 2xx's give-up). A hang-up while
    /// answering is kept for the ACK; false when the session is no longer answering (the ACK came: send the BYE now).
    /// </summary>
    internal bool DeferHangupUntilAck(string? reason)
    {
        lock (_gate)
        {
            if (State != InviteSessionState.Answering)
            {
                return false;
            }

            _hangupAfterAck = true;
            _hangupAfterAckReason ??= reason;
            return true;
        }
    }

    /// <summary>Takes the hang-up kept for the ACK, if any (once).</summary>
    internal bool TakeHangupAfterAck(out string? reason)
    {
        lock (_gate)
        {
            reason = _hangupAfterAckReason;
            var pending = _hangupAfterAck;
            _hangupAfterAck = false;
            return pending;
        }
    }

    internal void MarkEstablished()
    {
        Action<InviteSession>? handlers;
        lock (_gate)
        {
            if (State is InviteSessionState.Established or InviteSessionState.Terminated)
            {
                return;
            }

            State = InviteSessionState.Established;
            _establishedRaised = true;
            handlers = _established;
        }

        handlers?.Invoke(this);
    }

    internal bool End(SessionEndReason reason)
    {
        Action<InviteSession, SessionEndReason>? handlers;
        lock (_gate)
        {
            if (State == InviteSessionState.Terminated)
            {
                return false;
            }

            State = InviteSessionState.Terminated;
            EndReason = reason;
            _endedRaised = true;
            handlers = _ended;
            StopRetransmitting2xx();
            if (Dialog is not null)
            {
                Dialog.State = DialogState.Terminated;
            }
        }

        _agent.Forget(this);
        handlers?.Invoke(this, reason);
        return true;
    }

    /// <summary>
    /// RFC 3261 §13.3.1.4: the UAS core retransmits its 2xx at T1, doubling to T2, until the ACK; 64*T1 after the
    /// first 2xx without an ACK it stops and ends the session with BYE.
    /// </summary>
    internal void StartRetransmitting2xx(ServerInviteTransaction transaction, SipResponse ok, TimeProvider time, SipTimerSettings timers)
    {
        lock (_gate)
        {
            StopRetransmitting2xx();
            _retransmitIntervalMs = timers.T1Ms;
            _retransmitElapsedMs = 0;
            _retransmit2xx = time.CreateTimer(_ => OnRetransmit2xx(transaction, ok, timers), null, TimeSpan.FromMilliseconds(_retransmitIntervalMs), Timeout.InfiniteTimeSpan);
        }
    }

    private void OnRetransmit2xx(ServerInviteTransaction transaction, SipResponse ok, SipTimerSettings timers)
    {
        bool giveUp;
        lock (_gate)
        {
            if (_retransmit2xx is null)
            {
                return;
            }

            _retransmitElapsedMs += _retransmitIntervalMs;
            giveUp = _retransmitElapsedMs >= timers.Timeout64Ms;
            if (!giveUp)
            {
                // The next wait doubles up to T2, but the last one ends exactly 64*T1 after the first 2xx.
                _retransmitIntervalMs = Math.Min(Math.Min(_retransmitIntervalMs * 2, timers.T2Ms), timers.Timeout64Ms - _retransmitElapsedMs);
                _retransmit2xx.Change(TimeSpan.FromMilliseconds(_retransmitIntervalMs), Timeout.InfiniteTimeSpan);
            }
        }

        if (giveUp)
        {
            // §13.3.1.4: no ACK within 64*T1: the dialog is confirmed but the session ends with BYE.
            _agent.AckTimedOut(this);
            return;
        }

        _agent.Retransmit2xx(transaction, ok);
    }

    internal void StopRetransmitting2xx()
    {
        lock (_gate)
        {
            _retransmit2xx?.Dispose();
            _retransmit2xx = null;
        }
    }

    internal bool IsRetransmitting2xx
    {
        get { lock (_gate) { return _retransmit2xx is not null; } }
    }
}
