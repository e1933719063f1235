using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Dialogs;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.UserAgent;

/// <summary>
/// A user agent core (RFC 3261 §8, §12-15) on a <see cref="SipStack"/>: it answers and places calls as
/// <see cref="InviteSession"/>s, keeps their dialogs, handles BYE, CANCEL, re-INVITE (with 491 on glare),
/// INFO DTMF and OPTIONS, refuses what it does not support with 405/501 and an Allow header, and answers
/// requests for unknown dialogs with 481.
/// </summary>
public sealed class SipUserAgent : ITransactionUser
{
    private readonly SipUserAgentOptions _options;
    private readonly string _allow; // the Allow header value, joined once (the options are init-only)
    private readonly TimeProvider _time;
    private readonly SipIdentifiers _ids;
    private readonly ConcurrentDictionary<DialogId, InviteSession> _dialogs = new();
    private readonly ConcurrentDictionary<string, InviteSession> _outgoingByCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FinalResponseAwaiter> _awaiters = new(StringComparer.Ordinal);
    private SipStack? _stack;

    /// <summary>Creates a user agent; pass it to a <see cref="SipStack"/> as its transaction user, then call <see cref="Attach"/>.</summary>
    public SipUserAgent(SipUserAgentOptions? options = null, TimeProvider? time = null, Random? random = null)
    {
        _options = options ?? new SipUserAgentOptions();
        _allow = string.Join(", ", _options.Allow);
        _time = time ?? TimeProvider.System;
        _ids = new SipIdentifiers(random ?? new Random());
    }

    /// <summary>A new call arrived. Answer, ring or reject it from the handler or later; unanswered calls stay pending.</summary>
    public event Action<InviteSession>? IncomingCall;

    /// <summary>Handlers offered every new out-of-dialog request first (a <see cref="Registration.Registrar"/>, for example).</summary>
    public IList<Registration.ISipRequestHandler> RequestHandlers { get; } = [];

    /// <summary>Calls with a dialog that have not ended.</summary>
    public int ActiveDialogs => _dialogs.Count;

    private SipStack Stack => _stack ?? throw new InvalidOperationException("Attach the user agent to its stack first.");

    /// <summary>Binds the user agent to the stack that reports to it.</summary>
    public void Attach(SipStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        _stack = stack;
    }

    /// <summary>
    /// Places a call: sends INVITE with <paramref name="offer"/> to <paramref name="destination"/>
    /// (the next hop). The session reports progress, establishment or failure through its events.
    /// </summary>
    /// <param name="target">The Request-URI (and To, unless <paramref name="to"/> is given).</param>
    /// <param name="from">The From address.</param>
    /// <param name="destination">The next hop.</param>
    /// <param name="contentType">The offer's content type.</param>
    /// <param name="offer">The offer.</param>
    /// <param name="to">The To address, or null for <paramref name="target"/>.</param>
    /// <param name="beforeSend">
    /// Called with the new session before the INVITE leaves. Responses are handled on transport threads and the
    /// first ones can be done before this method returns: handlers added here see every <see cref="InviteSession.Progress"/>
    /// (<see cref="InviteSession.Established"/> and <see cref="InviteSession.Ended"/> also reach handlers added later).
    /// </param>
    /// <returns>The session.</returns>
    public InviteSession PlaceCall(AddressUri target, NameAddress from, SipEndpoint destination, string contentType, ReadOnlyMemory<byte> offer,
        NameAddress? to = null, Action<InviteSession>? beforeSend = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(from);
        var uriHeaders = target is SipUri { Headers.Count: > 0 } withHeaders ? withHeaders.Headers : SipParameters.Empty;
        if (uriHeaders.Count > 0)
        {
            // RFC 3261 §19.1.5: headers of the URI become headers of the request, not part of its Request-URI
            // (a Refer-To with ?Replaces=... turns into an INVITE with a Replaces header, RFC 3891 §5).
            target = ((SipUri)target).WithoutHeaders();
        }

        var builder = SipMessageBuilder.CreateRequest(SipMethod.Invite, target, from, to ?? new NameAddress(target),
            LocalVia(destination), 1, _ids, NameAddress.Parse(Contact(destination)));
        builder.AddHeader("Allow", _allow);
        builder.AddHeader("User-Agent", _options.Product);
        foreach (var header in uriHeaders)
        {
            if (IsHeaderAllowedFromUri(header.Name))
            {
                builder.AddHeader(header.Name, header.Value ?? string.Empty);
            }
        }

        builder.SetBody(contentType, offer);
        var invite = (SipRequest)builder.Build();
        var session = new InviteSession(this, incoming: false, invite)
        {
            LocalBody = offer,
            LocalContentType = contentType,
        };
        beforeSend?.Invoke(session);
        _outgoingByCallId[invite.CallId] = session;
        session.ClientTransaction = (ClientInviteTransaction)Stack.SendRequest(invite, destination, userState: session);
        return session;
    }

    /// <inheritdoc />
    public void OnTransactionEvent(SipStack stack, TransactionEvent transactionEvent)
    {
        _stack ??= stack;
        switch (transactionEvent.Kind)
        {
            case TransactionEventKind.Request:
                OnRequest((ServerTransaction)transactionEvent.Transaction!, (SipRequest)transactionEvent.Message!, transactionEvent.Endpoint);
                break;
            case TransactionEventKind.Ack:
                OnAck((SipRequest)transactionEvent.Message!, transactionEvent.Endpoint);
                break;
            case TransactionEventKind.Response:
                OnResponse((ClientTransaction)transactionEvent.Transaction!, (SipResponse)transactionEvent.Message!);
                break;
            case TransactionEventKind.StrayResponse:
                OnStrayResponse((SipResponse)transactionEvent.Message!);
                break;
            case TransactionEventKind.Timeout:
            case TransactionEventKind.TransportError:
                OnFailure(transactionEvent.Transaction!, transactionEvent.Kind, transactionEvent.Reason);
                break;
        }
    }

    private void OnRequest(ServerTransaction transaction, SipRequest request, SipEndpoint source)
    {
        var method = request.Method;
        if (method == SipMethod.Cancel)
        {
            OnCancel(transaction, request);
            return;
        }

        if (request.ToTag is not null)
        {
            OnInDialogRequest(transaction, request, source);
            return;
        }

        foreach (var handler in RequestHandlers)
        {
            if (handler.TryHandle(Stack, transaction, request, source))
            {
                return;
            }
        }

        if (method == SipMethod.Invite)
        {
            InviteSession? replaced = null;
            if (request.Headers.Contains(HeaderKind.Replaces) && !TryMatchReplaces(transaction, request, out replaced))
            {
                return;
            }

            var session = new InviteSession(this, incoming: true, request)
            {
                ServerTransaction = (ServerInviteTransaction)transaction,
                RemoteBody = request.Body,
                ReplacedSession = replaced,
            };
            transaction.UserState = session;
            var handler = IncomingCall;
            if (handler is null)
            {
                Respond(transaction, request, 480, "No handler for calls");
                return;
            }

            handler(session);
            return;
        }

        if (method == SipMethod.Options)
        {
            RespondWithAllow(transaction, request, 200);
            return;
        }

        if (method == SipMethod.Bye || method == SipMethod.Info)
        {
            Respond(transaction, request, 481, "Call/Transaction Does Not Exist");
            return;
        }

        RespondUnsupported(transaction, request);
    }

    /// <summary>
    /// Finds the session whose dialog is <paramref name="callId"/> with our tag <paramref name="localTag"/> and the
    /// peer's <paramref name="remoteTag"/>: a confirmed dialog, or an early dialog of a call we placed.
    /// </summary>
    public InviteSession? FindSession(string callId, string localTag, string remoteTag)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(localTag);
        ArgumentNullException.ThrowIfNull(remoteTag);
        if (_dialogs.TryGetValue(new DialogId(callId, localTag, remoteTag), out var confirmed))
        {
            return confirmed;
        }

        return _outgoingByCallId.TryGetValue(callId, out var outgoing) && outgoing.State == InviteSessionState.Early &&
            string.Equals(outgoing.Invite.FromTag, localTag, StringComparison.Ordinal) && outgoing.EarlyDialogs.ContainsKey(remoteTag)
            ? outgoing
            : null;
    }

    /// <summary>
    /// RFC 3891 §3: an INVITE with Replaces names one of our dialogs, its to-tag being our tag and its from-tag the
    /// peer's. No match (or an early dialog we did not start) gets 481; a confirmed dialog under early-only gets 486.
    /// </summary>
    private bool TryMatchReplaces(ServerTransaction transaction, SipRequest request, out InviteSession? replaced)
    {
        replaced = null;
        ReplacesHeader? replaces;
        try
        {
            replaces = request.Replaces;
        }
        catch (SipParseException e)
        {
            Respond(transaction, request, 400, "Bad Replaces: " + e.Message);
            return false;
        }

        if (replaces is null || replaces.ToTag is not { } toTag || replaces.FromTag is not { } fromTag ||
            FindSession(replaces.CallId, toTag, fromTag) is not { State: not InviteSessionState.Terminated } match)
        {
            Respond(transaction, request, 481, "Call/Transaction Does Not Exist");
            return false;
        }

        if (replaces.EarlyOnly && match.State is InviteSessionState.Established or InviteSessionState.Answering)
        {
            Respond(transaction, request, 486, "Busy Here");
            return false;
        }

        replaced = match;
        return true;
    }

    private static bool IsHeaderAllowedFromUri(string name) =>
        // RFC 3261 §19.1.5: these are set by the UA itself and never taken from a URI.
        !(name.Equals("From", StringComparison.OrdinalIgnoreCase) || name.Equals("To", StringComparison.OrdinalIgnoreCase) ||
          name.Equals("Call-ID", StringComparison.OrdinalIgnoreCase) || name.Equals("CSeq", StringComparison.OrdinalIgnoreCase) ||
          name.Equals("Via", StringComparison.OrdinalIgnoreCase) || name.Equals("Max-Forwards", StringComparison.OrdinalIgnoreCase) ||
          name.Equals("Contact", StringComparison.OrdinalIgnoreCase) || name.Equals("Record-Route", StringComparison.OrdinalIgnoreCase) ||
          name.Equals("Route", StringComparison.OrdinalIgnoreCase) ||
          name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ||
          name.Equals("body", StringComparison.OrdinalIgnoreCase));

    private void OnInDialogRequest(ServerTransaction transaction, SipRequest request, SipEndpoint source)
    {
        if (!_dialogs.TryGetValue(DialogId.ForIncoming(request), out var session) || session.Dialog is not { } dialog)
        {
            // RFC 3261 §12.2.2: a request for a dialog we do not know.
            Respond(transaction, request, 481, "Call/Transaction Does Not Exist");
            return;
        }

        if (!dialog.AcceptRemoteSequence(request))
        {
            Respond(transaction, request, 500, "CSeq Out of Order");
            return;
        }

        dialog.Peer = source;
        var method = request.Method;
        if (method == SipMethod.Bye)
        {
            Respond(transaction, request, 200);
            session.End(new SessionEndReason(SessionEndKind.RemoteHangup, 200, "BYE received") { Q850Cause = SessionEndReason.FindQ850(request.Reasons) });
        }
        else if (method == SipMethod.Invite)
        {
            OnReInvite(session, dialog, (ServerInviteTransaction)transaction, request);
        }
        else if (method == SipMethod.Info)
        {
            Respond(transaction, request, 200);
            if (DtmfRelay.TryParse(request.Body.Span, out var digit, out var duration))
            {
                session.RaiseDtmf(digit, duration);
            }
        }
        else if (method == SipMethod.Options)
        {
            RespondWithAllow(transaction, request, 200);
        }
        else if (method == SipMethod.Update)
        {
            OnUpdate(session, dialog, transaction, request);
        }
        else if (session.InDialogRequestHandler is { } handler)
        {
            var code = handler(session, request);
            Respond(transaction, request, code is >= 200 and <= 699 ? code : 500);
        }
        else
        {
            RespondUnsupported(transaction, request);
        }
    }

    private void OnUpdate(InviteSession session, SipDialog dialog, ServerTransaction transaction, SipRequest request)
    {
        // RFC 3311 §5.2: an offer while our own offer is outstanding is glare (491).
        if (!request.Body.IsEmpty && (session.PendingReInvite is not null || session.PendingIncomingReInvite is not null))
        {
            Respond(transaction, request, 491, "Request Pending");
            return;
        }

        dialog.RefreshTarget(request);
        var builder = SipMessageBuilder.CreateResponse(request, 200).AddHeader("Contact", Contact(transaction.Endpoint));
        if (!request.Body.IsEmpty)
        {
            session.RemoteBody = request.Body;
            var answer = session.ReInviteHandler?.Invoke(session, request) ?? session.LocalBody;
            session.LocalBody = answer;
            builder.SetBody(session.LocalContentType ?? "application/sdp", answer);
        }

        RespondWith(transaction, builder);
    }

    private void OnReInvite(InviteSession session, SipDialog dialog, ServerInviteTransaction transaction, SipRequest request)
    {
        // RFC 3261 §14.2: glare with our own pending re-INVITE, or a second one before the first ended, gets 491 / 500.
        if (session.PendingReInvite is not null)
        {
            Respond(transaction, request, 491, "Request Pending");
            return;
        }

        if (session.PendingIncomingReInvite is not null || session.State != InviteSessionState.Established)
        {
            RespondWith(transaction, SipMessageBuilder.CreateResponse(request, 500, "Server Internal Error").AddHeader("Retry-After", "1"));
            return;
        }

        dialog.RefreshTarget(request);
        if (!request.Body.IsEmpty)
        {
            session.RemoteBody = request.Body;
        }

        var answer = session.ReInviteHandler?.Invoke(session, request) ?? session.LocalBody;
        session.LocalBody = answer;
        var ok = OkWithBody(request, dialog.LocalTag, session.LocalContentType ?? "application/sdp", answer, transaction.Endpoint);
        session.PendingIncomingReInvite = transaction;
        Stack.SendResponse(transaction, ok);
        session.StartRetransmitting2xx(transaction, ok, _time, Stack.Options.Timers);
    }

    private void OnCancel(ServerTransaction cancelTransaction, SipRequest cancel)
    {
        var invite = Stack.FindInviteForCancel(cancel);
        if (invite is null)
        {
            Respond(cancelTransaction, cancel, 481, "Call/Transaction Does Not Exist");
            return;
        }

        // RFC 3261 §9.2: 200 to the CANCEL; if no final response was sent, 487 to the INVITE.
        Respond(cancelTransaction, cancel, 200);
        if (invite.State == TransactionState.Proceeding && invite.UserState is InviteSession session && session.TryClaimFinalResponse(487))
        {
            session.CancelRequested = true;
            var tag = session.Dialog?.LocalTag ?? _ids.NewTag();
            RespondWith(invite, SipMessageBuilder.CreateResponse(invite.Request, 487, toTag: tag));
            session.End(new SessionEndReason(SessionEndKind.RemoteRejected, 487, "Cancelled by caller") { Q850Cause = SessionEndReason.FindQ850(cancel.Reasons) });
        }
    }

    private void OnAck(SipRequest ack, SipEndpoint source)
    {
        if (!_dialogs.TryGetValue(DialogId.ForIncoming(ack), out var session))
        {
            return; // an ACK for an unknown dialog is dropped (§12.2.2 does not answer ACKs)
        }

        session.StopRetransmitting2xx();
        if (session.Dialog is { } dialog)
        {
            dialog.Peer = source;
        }

        if (session.PendingIncomingReInvite is not null)
        {
            session.PendingIncomingReInvite = null;
            return;
        }

        if (!ack.Body.IsEmpty)
        {
            session.RemoteBody = ack.Body; // offer in 2xx, answer in ACK (§13.2.1)
        }

        session.MarkEstablished();
        if (session.TakeHangupAfterAck(out var reason))
        {
            Hangup(session, reason); // the application hung up while the 200 awaited this ACK (§15)
        }
    }

    private void OnResponse(ClientTransaction transaction, SipResponse response)
    {
        if (transaction.UserState is IClientTransactionHandler handler)
        {
            handler.OnResponse(transaction, response);
            return;
        }

        if (!response.IsProvisional && transaction.Request.TopVia.Branch is { } branch && _awaiters.TryRemove(branch, out var awaiter))
        {
            awaiter.OnResponse(transaction, response);
            return;
        }

        if (transaction.UserState is not InviteSession session)
        {
            if (transaction.UserState is ReInviteContext reInvite)
            {
                OnReInviteResponse(reInvite.Session, (ClientInviteTransaction)transaction, response);
            }

            return; // BYE, INFO: nothing to do beyond the transaction
        }

        var invite = session.Invite;
        if (response.IsProvisional)
        {
            if (response.StatusCode > 100 && response.ToTag is { } remoteTag && !session.EarlyDialogs.ContainsKey(remoteTag) &&
                session.State is InviteSessionState.Initial or InviteSessionState.Early)
            {
                // §12.1.2 / §13.2.2.1: each fork's provisional with its own tag makes its own early dialog.
                var early = SipDialog.CreateAsUac(invite, response, transaction.Endpoint);
                session.AddEarlyDialog(early);
                session.Dialog ??= early;
                session.State = InviteSessionState.Early;
            }

            // §9.1: a CANCEL asked for before any response goes out with the first provisional (100 included).
            if (session.CancelRequested)
            {
                SendCancel(session);
            }

            if (!response.Body.IsEmpty)
            {
                session.RemoteBody = response.Body;
            }

            session.RaiseProgress(response);
            return;
        }

        if (response.IsSuccess)
        {
            OnInvite2xx(session, transaction, response);
            return;
        }

        if (response.StatusCode is 401 or 407 && _options.Credentials is { } credentials && ShouldAnswerChallenge(session, response))
        {
            RetryWithCredentials(session, transaction, response, credentials);
            return;
        }

        if (response.StatusCode is >= 300 and < 400 && !session.CancelRequested && session.Redirects < _options.MaxRedirects &&
            response.Contacts.Count > 0)
        {
            Redirect(session, transaction, response.Contacts[0].Uri);
            return;
        }

        var kind = session.CancelRequested ? SessionEndKind.LocalRejected : SessionEndKind.RemoteRejected;
        session.End(new SessionEndReason(kind, response.StatusCode, response.ReasonPhrase) { Q850Cause = SessionEndReason.FindQ850(response.Reasons) });
    }

    private void OnInvite2xx(InviteSession session, ClientTransaction transaction, SipResponse response)
    {
        var id = DialogId.ForResponse(response);
        if (session.State == InviteSessionState.Established || session.State == InviteSessionState.Terminated)
        {
            if (session.Dialog is { } existing && existing.Id == id)
            {
                SendAck(existing, session.Invite.CSeq.Number, transaction.Endpoint); // 2xx retransmission: ACK again
            }
            else
            {
                // §13.2.2.4: a 2xx from another fork: ACK it, then BYE that dialog.
                var fork = SipDialog.CreateAsUac(session.Invite, response, transaction.Endpoint);
                SendAck(fork, session.Invite.CSeq.Number, transaction.Endpoint);
                Stack.SendRequest((SipRequest)fork.CreateRequest(SipMethod.Bye, LocalVia(fork.Peer)).Build(), fork.Peer);
            }

            return;
        }

        if (session.Dialog is null || session.Dialog.Id != id)
        {
            session.Dialog = response.ToTag is { } tag && session.EarlyDialogs.TryGetValue(tag, out var early)
                ? early
                : SipDialog.CreateAsUac(session.Invite, response, transaction.Endpoint);
        }

        session.Dialog.Confirm(response);
        session.RemoteBody = response.Body;
        _dialogs[session.Dialog.Id] = session;
        SendAck(session.Dialog, session.Invite.CSeq.Number, transaction.Endpoint);
        if (session.CancelRequested)
        {
            // CANCEL lost the race with the 2xx (§9.1): the call is up, so end it with BYE.
            session.MarkEstablished();
            Hangup(session, null);
            return;
        }

        session.MarkEstablished();
    }

    private void OnReInviteResponse(InviteSession session, ClientInviteTransaction transaction, SipResponse response)
    {
        if (response.IsProvisional)
        {
            return;
        }

        session.PendingReInvite = null;
        if (response.IsSuccess && session.Dialog is { } dialog)
        {
            dialog.RefreshTarget(response);
            session.RemoteBody = response.Body;
            SendAck(dialog, transaction.Request.CSeq.Number, dialog.Peer);
        }

        session.RaiseReInviteAnswered(response);
    }

    private void OnStrayResponse(SipResponse response)
    {
        // A 2xx retransmission after the INVITE transaction ended: ACK it again (§13.2.2.4).
        if (response.IsSuccess && response.CSeq.Method == SipMethod.Invite &&
            _dialogs.TryGetValue(DialogId.ForResponse(response), out var session) && session.Dialog is { } dialog)
        {
            SendAck(dialog, response.CSeq.Number, dialog.Peer);
        }
    }

    private void OnFailure(SipTransaction transaction, TransactionEventKind kind, string? reason)
    {
        if (transaction.UserState is IClientTransactionHandler handler && transaction is ClientTransaction client)
        {
            handler.OnFailure(client, reason ?? kind.ToString());
        }
        else if (transaction is ClientTransaction awaited && awaited.Request.TopVia.Branch is { } branch && _awaiters.TryRemove(branch, out var awaiter))
        {
            awaiter.OnFailure(awaited, kind == TransactionEventKind.Timeout, reason);
        }
        else if (transaction.UserState is InviteSession session && transaction is ClientInviteTransaction)
        {
            session.End(new SessionEndReason(SessionEndKind.Failed, kind == TransactionEventKind.Timeout ? 408 : 503, reason ?? kind.ToString()));
        }
        else if (transaction.UserState is ReInviteContext reInvite)
        {
            reInvite.Session.PendingReInvite = null;
            Hangup(reInvite.Session, null); // §14.1: a re-INVITE that times out ends the dialog
        }
    }

    internal void SendProvisional(InviteSession session, int statusCode, string? contentType, ReadOnlyMemory<byte> body)
    {
        var transaction = session.ServerTransaction ?? throw new InvalidOperationException("Only incoming calls ring.");
        if (statusCode is < 101 or > 199)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "A provisional response is 101-199.");
        }

        var tag = session.Dialog?.LocalTag ?? _ids.NewTag();
        var builder = SipMessageBuilder.CreateResponse(session.Invite, statusCode, toTag: tag)
            .AddHeader("Contact", Contact(transaction.Endpoint));
        if (contentType is not null)
        {
            builder.SetBody(contentType, body);
            session.LocalBody = body;
            session.LocalContentType = contentType;
        }

        var response = (SipResponse)builder.Build();
        session.Dialog ??= SipDialog.CreateAsUas(session.Invite, response, transaction.Endpoint);
        session.State = InviteSessionState.Early;
        Stack.SendResponse(transaction, response);
    }

    internal void Answer(InviteSession session, string contentType, ReadOnlyMemory<byte> body)
    {
        var transaction = session.ServerTransaction ?? throw new InvalidOperationException("Only incoming calls are answered.");
        if (session.State is not (InviteSessionState.Initial or InviteSessionState.Early))
        {
            throw new InvalidOperationException($"Cannot answer this call: {FinalSentAlready(session)}.");
        }

        var tag = session.Dialog?.LocalTag ?? _ids.NewTag();
        var ok = OkWithBody(session.Invite, tag, contentType, body, transaction.Endpoint);

        // Claimed once the 200 is built (a bad content type throws before): a claim is always followed by its response.
        if (!session.TryClaimFinalResponse(200))
        {
            throw new InvalidOperationException($"Cannot answer this call: {FinalSentAlready(session)}.");
        }

        session.LocalBody = body;
        session.LocalContentType = contentType;
        if (session.Dialog is null)
        {
            session.Dialog = SipDialog.CreateAsUas(session.Invite, ok, transaction.Endpoint);
        }
        else
        {
            session.Dialog.State = DialogState.Confirmed;
        }

        session.State = InviteSessionState.Answering;
        _dialogs[session.Dialog.Id] = session;
        Stack.SendResponse(transaction, ok);
        session.StartRetransmitting2xx(transaction, ok, _time, Stack.Options.Timers);
    }

    internal void Reject(InviteSession session, int statusCode, string? reason)
    {
        var transaction = session.ServerTransaction ?? throw new InvalidOperationException("Only incoming calls are rejected.");
        if (statusCode < 300)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "A rejection is 300-699.");
        }

        if (session.State is not (InviteSessionState.Initial or InviteSessionState.Early))
        {
            throw new InvalidOperationException($"Cannot reject this call: {FinalSentAlready(session)}.");
        }

        var rejection = Rejection(session, statusCode, reason); // built before the claim: a bad reason throws here
        if (!session.TryClaimFinalResponse(statusCode))
        {
            throw new InvalidOperationException($"Cannot reject this call: {FinalSentAlready(session)}.");
        }

        SendRejection(session, transaction, rejection, reason);
    }

    private SipResponse Rejection(InviteSession session, int statusCode, string? reason) =>
        (SipResponse)SipMessageBuilder.CreateResponse(session.Invite, statusCode, reason, session.Dialog?.LocalTag ?? _ids.NewTag()).Build();

    private void SendRejection(InviteSession session, ServerTransaction transaction, SipResponse rejection, string? reason)
    {
        Stack.SendResponse(transaction, rejection);
        session.End(new SessionEndReason(SessionEndKind.LocalRejected, rejection.StatusCode, reason ?? SipStatusCodes.GetReasonPhrase(rejection.StatusCode)));
    }

    private static string FinalSentAlready(InviteSession session) => session.FinalResponse switch
    {
        0 => $"it is {session.State}",
        487 => "the caller cancelled it (487 Request Terminated)",
        >= 200 and < 300 => "it was answered already",
        var code => $"it was rejected already ({code})",
    };

    internal void Hangup(InviteSession session, string? reason)
    {
        switch (session.State)
        {
            case InviteSessionState.Terminated:
                return;
            case InviteSessionState.Initial or InviteSessionState.Early when session.IsIncoming:
                if (session.TryClaimFinalResponse(603))
                {
                    SendRejection(session, session.ServerTransaction!, Rejection(session, 603, "Decline"), "Decline");
                    return;
                }

                // A CANCEL or another hang-up took the final response: it ends the call. An answer on another thread
                // took it: the hang-up ends the call that answer makes, once the answer is out (microseconds).
                if (session.FinalResponse is >= 200 and < 300 &&
                    SpinWait.SpinUntil(() => session.State is not (InviteSessionState.Initial or InviteSessionState.Early), TimeSpan.FromSeconds(1)))
                {
                    Hangup(session, reason);
                }

                return;
            case InviteSessionState.Initial or InviteSessionState.Early:
                session.CancelReason ??= reason; // before the flag: the transport thread may send the CANCEL at once
                session.CancelRequested = true;
                SendCancel(session);

                // Without a provisional response the CANCEL waits (§9.1); the session ends with the 487.
                return;
        }

        if (session.State == InviteSessionState.Answering && session.DeferHangupUntilAck(reason))
        {
            // §15: no BYE before the ACK of our 2xx; it goes when the ACK comes, or the 2xx's give-up sends one.
            return;
        }

        var dialog = session.Dialog!;
        var bye = dialog.CreateRequest(SipMethod.Bye, LocalVia(dialog.Peer));
        if (reason is not null)
        {
            bye.AddHeader("Reason", reason);
        }

        var request = (SipRequest)bye.Build();

        // Only the hang-up that ends the session sends its BYE: two at once (an application and a timer) send one.
        if (session.End(new SessionEndReason(SessionEndKind.LocalHangup, 200, "BYE sent") { Q850Cause = SessionEndReason.FindQ850(request.Reasons) }))
        {
            Stack.SendRequest(request, dialog.Peer);
        }
    }

    internal void SendReInvite(InviteSession session, string contentType, ReadOnlyMemory<byte> offer)
    {
        if (session.State != InviteSessionState.Established || session.Dialog is not { } dialog)
        {
            throw new InvalidOperationException("Only an established call can be re-INVITEd.");
        }

        if (session.PendingReInvite is not null || session.PendingIncomingReInvite is not null)
        {
            throw new InvalidOperationException("A re-INVITE is already in progress (RFC 3261 §14.1).");
        }

        var builder = dialog.CreateRequest(SipMethod.Invite, LocalVia(dialog.Peer), Contact(dialog.Peer));
        builder.SetBody(contentType, offer);
        session.LocalBody = offer;
        session.LocalContentType = contentType;
        // Pending before it leaves: the answer may be handled on another thread before SendRequest returns.
        var context = new ReInviteContext(session);
        session.PendingReInvite = context;
        try
        {
            Stack.SendRequest((SipRequest)builder.Build(), dialog.Peer, userState: context);
        }
        catch
        {
            session.PendingReInvite = null;
            throw;
        }
    }

    internal void SendInfo(InviteSession session, string contentType, ReadOnlyMemory<byte> body) =>
        SendInDialog(session, SipMethod.Info, null, contentType, body);

    internal Task<SipResponse> SendInDialogAsync(InviteSession session, SipMethod method, IEnumerable<KeyValuePair<string, string>>? headers, string? contentType, ReadOnlyMemory<byte> body)
    {
        // Registered by branch before the request leaves: the response may come back before SendRequest returns.
        var awaiter = new FinalResponseAwaiter();
        SendInDialog(session, method, headers, contentType, body, awaiter);
        return awaiter.Task;
    }

    internal void SendInDialog(InviteSession session, SipMethod method, IEnumerable<KeyValuePair<string, string>>? headers, string? contentType, ReadOnlyMemory<byte> body, FinalResponseAwaiter? awaiter = null)
    {
        if (method == SipMethod.Invite || method == SipMethod.Ack || method == SipMethod.Cancel || method == SipMethod.Bye)
        {
            throw new ArgumentException($"{method} has its own method on InviteSession.", nameof(method));
        }

        if (session.Dialog is not { State: DialogState.Confirmed } dialog)
        {
            throw new InvalidOperationException($"{method} needs a confirmed dialog.");
        }

        var builder = dialog.CreateRequest(method, LocalVia(dialog.Peer));
        foreach (var header in headers ?? [])
        {
            builder.AddHeader(header.Key, header.Value);
        }

        if (contentType is not null)
        {
            builder.SetBody(contentType, body);
        }

        var request = (SipRequest)builder.Build();
        if (awaiter is not null && request.TopVia.Branch is { } branch)
        {
            _awaiters[branch] = awaiter;
        }

        try
        {
            Stack.SendRequest(request, dialog.Peer);
        }
        catch when (awaiter is not null && request.TopVia.Branch is { } sent && _awaiters.TryRemove(sent, out _))
        {
            throw;
        }
    }

    internal void Retransmit2xx(ServerInviteTransaction transaction, SipResponse ok)
    {
        if (transaction.State == TransactionState.Accepted)
        {
            Stack.SendResponse(transaction, ok);
        }
        else
        {
            // After Timer L the transaction is gone; the TU still owns 2xx retransmission (§13.3.1.4).
            Stack.SendStateless(ReceivedParameters.AddTo(ok, transaction.Endpoint.Remote), transaction.Endpoint);
        }
    }

    internal void AckTimedOut(InviteSession session)
    {
        session.StopRetransmitting2xx();
        if (session.PendingIncomingReInvite is not null)
        {
            session.PendingIncomingReInvite = null;
        }

        if (session.Dialog is { } dialog && session.State != InviteSessionState.Terminated)
        {
            var bye = dialog.CreateRequest(SipMethod.Bye, LocalVia(dialog.Peer));
            if (session.End(new SessionEndReason(SessionEndKind.Failed, 408, "No ACK for 2xx")))
            {
                Stack.SendRequest((SipRequest)bye.Build(), dialog.Peer); // one BYE, whoever ends the session
            }
        }
    }

    internal void Forget(InviteSession session)
    {
        if (session.Dialog is { } dialog)
        {
            _dialogs.TryRemove(dialog.Id, out _);
        }

        if (!session.IsIncoming)
        {
            _outgoingByCallId.TryRemove(session.CallId, out _);
        }

        // The INVITE server transaction lives on until Timer L or I (32 s on UDP) and only needs its session for a
        // CANCEL while Proceeding: an ended call's session, dialog and bodies need not live that long with it.
        if (session.ServerTransaction is { } invite && ReferenceEquals(invite.UserState, session))
        {
            invite.UserState = null;
        }
    }

    private void SendCancel(InviteSession session)
    {
        if (session.ClientTransaction is { CanCancel: true } invite && session.TryClaimCancel())
        {
            Stack.SendRequest(invite.CreateCancel(session.CancelReason), invite.Endpoint); // RFC 3326: the Reason rides on the CANCEL too
        }
    }

    private void SendAck(SipDialog dialog, uint inviteSequence, SipEndpoint destination)
    {
        var ack = dialog.CreateRequest(SipMethod.Ack, LocalVia(destination), sequence: inviteSequence);
        Stack.SendStateless(ack.Build(), destination);
    }

    /// <summary>How many 401/407 challenges one call answers at most (a stale nonce may be challenged again, RFC 7616 §3.3).</summary>
    private const int MaxChallengesAnswered = 4;

    private static bool ShouldAnswerChallenge(InviteSession session, SipResponse response)
    {
        // RFC 3261 §22.2: a challenge to a request that already carried our credentials for that realm means they
        // were refused, unless it says stale=true (the password was right, the nonce expired).
        if (session.ChallengesAnswered >= MaxChallengesAnswered)
        {
            return false;
        }

        var (challengeHeader, credentialsHeader) = ChallengeHeaders(response.StatusCode);
        return !session.Invite.Headers.Contains(credentialsHeader) ||
            response.Headers.GetAll(challengeHeader).Any(h => DigestChallenge.TryParse(h.Value, out var c, out _) && c.Stale);
    }

    private static (string Challenge, string Credentials) ChallengeHeaders(int statusCode) =>
        statusCode == 401 ? ("WWW-Authenticate", "Authorization") : ("Proxy-Authenticate", "Proxy-Authorization");

    private void RetryWithCredentials(InviteSession session, ClientTransaction transaction, SipResponse response, (string Username, string Password) credentials)
    {
        var (challengeHeader, credentialsHeader) = ChallengeHeaders(response.StatusCode);
        var challenges = response.Headers.GetAll(challengeHeader)
            .Select(h => DigestChallenge.TryParse(h.Value, out var c, out _) ? c : null)
            .OfType<DigestChallenge>()
            .ToList();
        if (challenges.Count == 0)
        {
            session.End(new SessionEndReason(SessionEndKind.RemoteRejected, response.StatusCode, "Unsupported challenge"));
            return;
        }

        var old = session.Invite;
        // One digest client per challenger (the callee's 401, a proxy's 407): each counts its own nonce's uses, so
        // credentials re-sent to the first challenger after the second one's challenge are not replays (RFC 7616 §3.4).
        var client = session.Challenges.TryGetValue(credentialsHeader, out var known) ? known.Client : new DigestClient(credentials.Username, credentials.Password);
        session.Challenges[credentialsHeader] = (client, challenges);
        var uri = System.Text.Encoding.UTF8.GetString(old.RequestUriBytes);
        // RFC 3261 §22.2: same Call-ID, From tag; new branch and CSeq + 1.
        var builder = SipMessageBuilder.CreateRequest(SipMethod.Invite, old.RequestUri, old.From, old.To, LocalVia(transaction.Endpoint),
            old.CSeq.Number + 1, _ids, NameAddress.Parse(Contact(transaction.Endpoint)), old.CallId);
        foreach (var (header, answered) in session.Challenges)
        {
            builder.AddHeader(header, answered.Client.Answer(answered.Challenges, "INVITE", uri).ToString());
        }

        foreach (var header in old.Headers)
        {
            // Everything else the first INVITE carried goes again (Allow, User-Agent, Replaces and other URI headers).
            if (header.Kind is not (HeaderKind.Via or HeaderKind.MaxForwards or HeaderKind.From or HeaderKind.To or HeaderKind.CallId or
                    HeaderKind.CSeq or HeaderKind.Contact or HeaderKind.ContentType or HeaderKind.ContentLength or
                    HeaderKind.Authorization or HeaderKind.ProxyAuthorization))
            {
                builder.AddHeader(header.CanonicalName, header.Value);
            }
        }

        session.ChallengesAnswered++;
        builder.SetBody(session.LocalContentType ?? "application/sdp", session.LocalBody);
        var invite = (SipRequest)builder.Build();
        session.Invite = invite;
        session.ClientTransaction = (ClientInviteTransaction)Stack.SendRequest(invite, transaction.Endpoint, userState: session);
    }

    private void Redirect(InviteSession session, ClientTransaction transaction, AddressUri target)
    {
        // RFC 3261 §8.1.3.4: a new request to the Contact of the 3xx; same Call-ID and From tag, next CSeq.
        var old = session.Invite;
        var destination = transaction.Endpoint;
        if (target is SipUri sip && IPAddress.TryParse(sip.Host.Trim('[', ']'), out var address))
        {
            var protocol = sip.Transport is { } t && SipTransportProtocols.TryParse(t, out var p) && Stack.GetTransport(p) is not null ? p : destination.Protocol;
            destination = new SipEndpoint(protocol, new IPEndPoint(address, sip.Port ?? (sip.UriScheme == SipUriScheme.Sips ? 5061 : 5060)));
        }

        var builder = SipMessageBuilder.CreateRequest(SipMethod.Invite, target is SipUri s ? s.WithoutHeaders() : target, old.From, NameAddress.Parse($"<{target}>"),
            LocalVia(destination), old.CSeq.Number + 1, _ids, NameAddress.Parse(Contact(destination)), old.CallId);
        builder.AddHeader("Allow", _allow);
        builder.AddHeader("User-Agent", _options.Product);
        builder.SetBody(session.LocalContentType ?? "application/sdp", session.LocalBody);
        var invite = (SipRequest)builder.Build();
        session.Redirects++;
        session.Invite = invite;
        session.ClientTransaction = (ClientInviteTransaction)Stack.SendRequest(invite, destination, userState: session);
    }

    private SipResponse OkWithBody(SipRequest request, string toTag, string contentType, ReadOnlyMemory<byte> body, SipEndpoint source)
    {
        var builder = SipMessageBuilder.CreateResponse(request, 200, toTag: request.ToTag is null ? toTag : null)
            .AddHeader("Contact", Contact(source))
            .AddHeader("Allow", _allow)
            .AddHeader("Server", _options.Product);
        if (!body.IsEmpty)
        {
            builder.SetBody(contentType, body);
        }

        return (SipResponse)builder.Build();
    }

    private void Respond(ServerTransaction transaction, SipRequest request, int statusCode, string? reason = null) =>
        RespondWith(transaction, SipMessageBuilder.CreateResponse(request, statusCode, reason, request.ToTag is null && statusCode > 100 ? _ids.NewTag() : null));

    private void RespondWithAllow(ServerTransaction transaction, SipRequest request, int statusCode) =>
        RespondWith(transaction, SipMessageBuilder.CreateResponse(request, statusCode, toTag: request.ToTag is null ? _ids.NewTag() : null)
            .AddHeader("Allow", _allow)
            .AddHeader("Accept", "application/sdp, application/dtmf-relay")
            .AddHeader("Server", _options.Product));

    private void RespondUnsupported(ServerTransaction transaction, SipRequest request)
    {
        // RFC 3261 §8.2.1: 405 with Allow for a method we know but do not serve; 501 for one we do not know.
        var code = request.Method.IsKnown ? 405 : 501;
        RespondWith(transaction, SipMessageBuilder.CreateResponse(request, code, toTag: request.ToTag is null ? _ids.NewTag() : null)
            .AddHeader("Allow", _allow));
    }

    private void RespondWith(ServerTransaction transaction, SipMessageBuilder builder) =>
        Stack.SendResponse(transaction, (SipResponse)builder.Build());

    private ViaHeader LocalVia(SipEndpoint destination) => Stack.CreateVia(destination, _ids.NewBranch());

    private string Contact(SipEndpoint destination) => Stack.CreateContact(destination, _options.ContactUser);

    private sealed record ReInviteContext(InviteSession Session);
}
