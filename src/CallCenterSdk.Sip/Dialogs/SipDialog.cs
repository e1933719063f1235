using System.Globalization;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Dialogs;

/// <summary>
/// A SIP dialog (RFC 3261 §12): the peer-to-peer relationship identified by Call-ID, local tag and
/// remote tag, with its route set, remote target and sequence numbers. It builds in-dialog requests
/// (§12.2.1.1) and checks in-dialog requests received (§12.2.2). Not thread-safe.
/// </summary>
public sealed class SipDialog
{
    private readonly List<NameAddress> _routeSet;
    private string? _fromHeader;
    private string? _toHeader;

    private SipDialog(bool isUac, string callId, string localTag, string remoteTag, NameAddress localParty, NameAddress remoteParty,
        AddressUri remoteTarget, List<NameAddress> routeSet, uint localSequence, uint? remoteSequence, SipEndpoint peer, DialogState state)
    {
        IsUac = isUac;
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        _routeSet = routeSet;
        LocalSequence = localSequence;
        RemoteSequence = remoteSequence;
        Peer = peer;
        State = state;
    }

    /// <summary>True when we sent the request that created the dialog.</summary>
    public bool IsUac { get; }

    /// <summary>The Call-ID.</summary>
    public string CallId { get; }

    /// <summary>Our tag.</summary>
    public string LocalTag { get; }

    /// <summary>The peer's tag.</summary>
    public string RemoteTag { get; private set; }

    /// <summary>Our address (From on requests we send), without tag.</summary>
    public NameAddress LocalParty { get; }

    /// <summary>The peer's address (To on requests we send), without tag.</summary>
    public NameAddress RemoteParty { get; }

    /// <summary>Where in-dialog requests go: the peer's Contact, refreshed by target-refresh requests (§12.2).</summary>
    public AddressUri RemoteTarget { get; private set; }

    /// <summary>The route set from Record-Route (§12.1.1 in order for the UAS, §12.1.2 reversed for the UAC).</summary>
    public IReadOnlyList<NameAddress> RouteSet => _routeSet;

    /// <summary>The CSeq of the last request we sent in the dialog.</summary>
    public uint LocalSequence { get; private set; }

    /// <summary>The CSeq of the last request the peer sent, or null before the first.</summary>
    public uint? RemoteSequence { get; private set; }

    /// <summary>
    /// Where the peer was last heard from; in-dialog requests without a route set go there, which keeps
    /// signalling symmetric through NAT (as RFC 3581 does for responses).
    /// </summary>
    public SipEndpoint Peer { get; set; }

    /// <summary>The dialog state.</summary>
    public DialogState State { get; set; }

    /// <summary>The dialog identifier as a key for lookup tables.</summary>
    public DialogId Id => new(CallId, LocalTag, RemoteTag);

    /// <summary>The dialog a UAS creates by answering <paramref name="request"/> with <paramref name="response"/> (§12.1.1).</summary>
    public static SipDialog CreateAsUas(SipRequest request, SipResponse response, SipEndpoint source)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var localTag = response.ToTag ?? throw new ArgumentException("A dialog-creating response needs a To tag.", nameof(response));
        return new SipDialog(
            isUac: false,
            request.CallId,
            localTag,
            request.FromTag ?? string.Empty,
            WithoutTag(request.To),
            WithoutTag(request.From),
            request.Contacts.Count > 0 ? request.Contacts[0].Uri : request.From.Uri,
            [.. request.RecordRoutes],
            localSequence: 0,
            remoteSequence: request.CSeq.Number,
            source,
            response.IsSuccess ? DialogState.Confirmed : DialogState.Early);
    }

    /// <summary>The dialog a UAC creates from a response with a To tag to its <paramref name="request"/> (§12.1.2).</summary>
    public static SipDialog CreateAsUac(SipRequest request, SipResponse response, SipEndpoint peer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var remoteTag = response.ToTag ?? throw new ArgumentException("A dialog-creating response needs a To tag.", nameof(response));
        var routes = response.RecordRoutes.Reverse().ToList();
        return new SipDialog(
            isUac: true,
            request.CallId,
            request.FromTag ?? string.Empty,
            remoteTag,
            WithoutTag(request.From),
            WithoutTag(request.To),
            response.Contacts.Count > 0 ? response.Contacts[0].Uri : request.RequestUri,
            routes,
            localSequence: request.CSeq.Number,
            remoteSequence: null,
            peer,
            response.IsSuccess ? DialogState.Confirmed : DialogState.Early);
    }

    /// <summary>
    /// Starts an in-dialog request (§12.2.1.1): Request-URI and Route from the remote target and route set
    /// (loose or strict routing), To/From with tags, Call-ID, the next CSeq, and the given Via.
    /// ACK and CANCEL reuse the sequence number of the INVITE they belong to (give <paramref name="sequence"/>).
    /// </summary>
    public SipMessageBuilder CreateRequest(SipMethod method, ViaHeader via, string? contact = null, uint? sequence = null)
    {
        ArgumentNullException.ThrowIfNull(via);
        uint cseq;
        if (sequence is { } fixedSequence)
        {
            cseq = fixedSequence;
        }
        else
        {
            LocalSequence = LocalSequence == 0 ? 1 : LocalSequence + 1;
            cseq = LocalSequence;
        }

        AddressUri requestUri;
        IEnumerable<string> routes;
        if (_routeSet.Count > 0 && _routeSet[0].Uri is SipUri { IsLooseRouter: false } strict)
        {
            // §12.2.1.1 strict routing: the first route becomes the Request-URI, the remote target the last route.
            requestUri = strict.WithoutHeaders();
            routes = _routeSet.Skip(1).Select(r => r.ToString()).Append($"<{RemoteTarget}>");
        }
        else
        {
            requestUri = RemoteTarget is SipUri sip ? sip.WithoutHeaders() : RemoteTarget;
            routes = _routeSet.Select(r => r.ToString());
        }

        var builder = SipMessageBuilder.Request(method, requestUri);
        builder.AddHeader("Via", via.ToString());
        builder.AddHeader("Max-Forwards", "70");
        foreach (var route in routes)
        {
            builder.AddHeader("Route", route);
        }

        // Both parties and tags are fixed for the dialog's life (§12.2.1.1): written once, reused by every request.
        builder.AddHeader("From", _fromHeader ??= LocalParty.WithTag(LocalTag).ToString());
        builder.AddHeader("To", _toHeader ??= RemoteParty.WithTag(RemoteTag).ToString());
        builder.AddHeader("Call-ID", CallId);
        builder.AddHeader("CSeq", $"{cseq.ToString(CultureInfo.InvariantCulture)} {method.Name}");
        if (contact is not null)
        {
            builder.AddHeader("Contact", contact);
        }

        return builder;
    }

    /// <summary>
    /// Checks the CSeq of an in-dialog request from the peer (§12.2.2): lower than the last one is out of
    /// order (answer 500); otherwise it becomes the remote sequence. ACK and CANCEL are not checked.
    /// </summary>
    public bool AcceptRemoteSequence(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack || request.Method == SipMethod.Cancel)
        {
            return true;
        }

        var number = request.CSeq.Number;
        if (RemoteSequence is { } last && number <= last)
        {
            return false;
        }

        RemoteSequence = number;
        return true;
    }

    /// <summary>Applies a target refresh (re-INVITE, UPDATE, or their 2xx): the Contact becomes the remote target (§12.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contacts.Count > 0)
        {
            RemoteTarget = message.Contacts[0].Uri;
        }
    }

    /// <summary>Confirms an early dialog with the 2xx that answered it (the UAC learns the final route set and target, §12.1.2).</summary>
    public void Confirm(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        State = DialogState.Confirmed;
        if (IsUac)
        {
            RefreshTarget(response);
            _routeSet.Clear();
            _routeSet.AddRange(response.RecordRoutes.Reverse());
        }
    }

    private static NameAddress WithoutTag(NameAddress address) =>
        address.Tag is null ? address : new NameAddress(address.Uri, address.DisplayName, address.Parameters.Without("tag"));
}

/// <summary>The identifier of a dialog (RFC 3261 §12): Call-ID, local tag and remote tag.</summary>
public readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The identifier of the dialog a request we received belongs to (local tag = To tag).</summary>
    public static DialogId ForIncoming(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.CallId, request.ToTag ?? string.Empty, request.FromTag ?? string.Empty);
    }

    /// <summary>The identifier of the dialog a response to our request belongs to (local tag = From tag).</summary>
    public static DialogId ForResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(response.CallId, response.FromTag ?? string.Empty, response.ToTag ?? string.Empty);
    }
}
