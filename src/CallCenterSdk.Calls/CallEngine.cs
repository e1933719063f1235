using System.Collections.Concurrent;
using System.Net;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.RemoteControl;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Transport;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenterSdk.Calls;

/// <summary>
/// Joins a <see cref="SipUserAgent"/> to media: every inbound INVITE becomes a <see cref="CallLeg"/> with its SDP
/// answer prepared (or a 488 with the reason when no codec fits), and <see cref="Dial"/> places outbound legs.
/// One <see cref="MediaClock"/> drives the media of every leg.
/// </summary>
public sealed class CallEngine : IAsyncDisposable
{
    private readonly SipUserAgent _agent;
    private readonly ConcurrentDictionary<string, CallLeg> _legs = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly bool _ownsStack;
    private readonly SipStack _stack;
    private readonly SipIdentifiers _ids = new(Random.Shared);
    private readonly TalkEventHandler? _talk;
    private long _mediaFailures;

    /// <summary>Creates an engine over an agent attached to <paramref name="stack"/> (the caller owns both).</summary>
    public CallEngine(SipUserAgent agent, SipStack stack, CallEngineOptions? options = null, AudioCodecRegistry? codecs = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(agent, stack, options, codecs, time, loggerFactory, ownsStack: false)
    {
    }

    private CallEngine(SipUserAgent agent, SipStack stack, CallEngineOptions? options, AudioCodecRegistry? codecs, TimeProvider? time, ILoggerFactory? loggerFactory, bool ownsStack)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(stack);
        _agent = agent;
        _stack = stack;
        _ownsStack = ownsStack;
        Options = options ?? new CallEngineOptions();
        Codecs = codecs ?? AudioCodecRegistry.CreateDefault();
        Time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<CallEngine>();
        Clock = new MediaClock(Options.ClockParallelism, Options.MediaClockNice);
        Clock.ClientFailed += (client, e) => Log.ClockClientFailed(_logger, e, client);
        Clock.Start();
        if (Clock.PriorityError is { } priority)
        {
            Log.ClockPriorityNotRaised(_logger, priority);
        }

        if (MediaSocketPoller.IsSupported && !Options.Media.AsyncReceiveLoops)
        {
            MediaPoller = new MediaSocketPoller(Options.MediaReceiveThreads, Options.MediaClockNice, "media-rx");
        }

        agent.IncomingCall += OnIncomingCall;
        if (Options.RemoteAnswer is { } remoteAnswer)
        {
            _talk = new TalkEventHandler(this, remoteAnswer);
            agent.RequestHandlers.Add(_talk);
        }
    }

    /// <summary>
    /// Starts a SIP stack listening on <paramref name="listen"/> with its own user agent, and an engine over it
    /// (disposed with the engine). The quickest way to a working endpoint.
    /// </summary>
    public static async Task<CallEngine> StartAsync(IEnumerable<SipListenEndPoint> listen, CallEngineOptions? options = null, AudioCodecRegistry? codecs = null, SipUserAgentOptions? agentOptions = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var agent = new SipUserAgent(agentOptions ?? new SipUserAgentOptions { Product = "CallCenterSdk" });
        var stackOptions = new SipStackOptions();
        foreach (var endpoint in listen)
        {
            stackOptions.ListenEndPoints.Add(endpoint);
        }

        var stack = new SipStack(stackOptions, agent, loggerFactory: loggerFactory);
        agent.Attach(stack);
        try
        {
            await stack.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new CallEngine(agent, stack, options, codecs, null, loggerFactory, ownsStack: true);
    }

    /// <summary>The options.</summary>
    public CallEngineOptions Options { get; }

    /// <summary>The codecs legs can use.</summary>
    public AudioCodecRegistry Codecs { get; }

    /// <summary>The clock of every leg's media.</summary>
    public MediaClock Clock { get; }

    /// <summary>
    /// The threads that read every leg's RTP (Linux); null where legs use async receive loops
    /// (<see cref="MediaSessionOptions.AsyncReceiveLoops"/>, or no epoll).
    /// </summary>
    public MediaSocketPoller? MediaPoller { get; }

    /// <summary>The time source of timestamps on legs.</summary>
    public TimeProvider Time { get; }

    /// <summary>The SIP user agent.</summary>
    public SipUserAgent Agent => _agent;

    /// <summary>The SIP stack.</summary>
    public SipStack Stack => _stack;

    /// <summary>Legs not ended yet.</summary>
    public IReadOnlyCollection<CallLeg> Legs => [.. _legs.Values];

    /// <summary>Media clean-ups that failed (sockets that would not close).</summary>
    public long MediaFailures => Interlocked.Read(ref _mediaFailures);

    /// <summary>
    /// Raised for each inbound call, with media negotiated but not answered: the handler rings, answers, rejects or
    /// hands the leg on. Without a handler calls are rejected 480.
    /// </summary>
    public event Action<CallLeg>? IncomingCall;

    /// <summary>Raised when any leg ends.</summary>
    public event Action<CallLeg, CallEndCause>? LegEnded;

    /// <summary>
    /// Raised when a trusted <c>NOTIFY</c> <c>Event: talk</c> answered a ringing inbound leg (see
    /// <see cref="CallEngineOptions.RemoteAnswer"/>), with the source the NOTIFY came from.
    /// </summary>
    public event Action<CallLeg, SipEndpoint>? RemoteAnswered;

    /// <summary>
    /// Places a call: INVITE with our offer to <paramref name="target"/> (sent to <paramref name="destination"/>, or to
    /// the URI's host and port when it is an IP address). Await <see cref="CallLeg.WaitForAnswerAsync"/> for the outcome.
    /// </summary>
    /// <exception cref="MediaPortsExhaustedException">No RTP port is free.</exception>
    public CallLeg Dial(string target, string from, SipEndpoint? destination = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentException.ThrowIfNullOrEmpty(from);
        var uri = AddressUri.Parse(target);
        var fromAddress = NameAddress.Parse(from);
        var endpoint = destination ?? ResolveDestination(uri);
        var media = CreateMedia();
        try
        {
            var offer = media.CreateOffer();
            // The leg subscribes to the session before the INVITE leaves: its 180/183 (with early media) can be
            // handled on the transport's thread before PlaceCall returns.
            CallLeg? leg = null;
            _agent.PlaceCall(uri, fromAddress, endpoint, "application/sdp", offer, beforeSend: session =>
            {
                leg = new CallLeg(this, session, media, CallDirection.Outbound, null);
                _legs[leg.Id] = leg;
            });
            leg!.CatchUpIfEnded();

            return leg;
        }
        catch
        {
            _ = media.DisposeAsync().AsTask();
            throw;
        }
    }

    /// <summary>
    /// Asks a phone to answer the call ringing on it that we sent (remote answer, "click to answer"): an out-of-dialog
    /// <c>NOTIFY</c> with <c>Event: talk</c> to its registered <paramref name="contact"/> through
    /// <paramref name="destination"/> (where the INVITE went). Completes with the phone's final response: 200 when it
    /// answers, 481 when nothing of ours rings there, 403/405/489/501 when it does not allow remote answer, and a
    /// locally made 408 (no answer) or 503 (transport failure).
    /// </summary>
    /// <param name="contact">The phone's contact URI (a registrar binding's contact).</param>
    /// <param name="destination">The next hop: the binding's source.</param>
    /// <param name="from">The From address, or null for our own contact.</param>
    /// <param name="cancellationToken">Stops waiting (the NOTIFY transaction runs on).</param>
    public Task<SipResponse> RequestRemoteAnswerAsync(string contact, SipEndpoint destination, string? from = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(contact);
        return RemoteAnswerRequest.SendAsync(_stack, _ids, contact, destination, from, cancellationToken);
    }

    /// <summary>Hangs up every leg, stops the clock and, when the engine started it, the SIP stack.</summary>
    public async ValueTask DisposeAsync()
    {
        _agent.IncomingCall -= OnIncomingCall;
        if (_talk is not null)
        {
            _agent.RequestHandlers.Remove(_talk);
        }

        var legs = _legs.Values.ToArray();
        foreach (var leg in legs)
        {
            try
            {
                leg.Session.Hangup("Q.850;cause=16;text=\"shutdown\"");
            }
            catch (InvalidOperationException)
            {
                // Already ending.
            }
        }

        await Task.WhenAny(Task.WhenAll(legs.Select(l => l.Completion)), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        foreach (var leg in legs)
        {
            await leg.Media.DisposeAsync().ConfigureAwait(false);
        }

        await Clock.DisposeAsync().ConfigureAwait(false);
        MediaPoller?.Dispose();
        if (_ownsStack)
        {
            await _stack.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal void ReportDtmfHandlerFailure(CallLeg leg, Exception e) => Log.DtmfHandlerFailed(_logger, e, leg.Id);

    internal void OnLegEnded(CallLeg leg)
    {
        _legs.TryRemove(leg.Id, out _);
        LegEnded?.Invoke(leg, leg.EndCause!);
    }

    /// <summary>
    /// Answers the oldest inbound leg that rings (180 or 183 sent, not answered) for an INVITE from
    /// <paramref name="source"/>'s address and port; null when none does.
    /// </summary>
    internal CallLeg? AnswerRingingFrom(SipEndpoint source)
    {
        var address = RemoteAnswerOptions.Normalize(source.Remote.Address);
        var ringing = _legs.Values
            .Where(l => l.Direction == CallDirection.Inbound && l.State is CallLegState.Ringing or CallLegState.EarlyMedia &&
                l.Session.Dialog is { } dialog && dialog.Peer.Remote.Port == source.Remote.Port &&
                RemoteAnswerOptions.Normalize(dialog.Peer.Remote.Address).Equals(address))
            .OrderBy(l => l.Sequence);
        foreach (var leg in ringing)
        {
            try
            {
                leg.Answer();
                return leg;
            }
            catch (InvalidOperationException)
            {
                // Answered, rejected or cancelled meanwhile: try the next one.
            }
        }

        return null;
    }

    internal void RaiseRemoteAnswered(CallLeg leg, SipEndpoint source) => RemoteAnswered?.Invoke(leg, source);

    internal void ReportMediaFailure(CallLeg leg, Exception e)
    {
        Interlocked.Increment(ref _mediaFailures);
        Log.MediaCloseFailed(_logger, e, leg.Id);
    }

    internal MediaSession CreateMedia() => new(Options.Media, Codecs, Clock, Time, poller: MediaPoller);

    private void OnIncomingCall(InviteSession session)
    {
        MediaSession media;
        try
        {
            media = CreateMedia();
        }
        catch (MediaPortsExhaustedException e)
        {
            Log.NoMediaPorts(_logger, session.CallId, e.Message);
            session.Reject(503, "No media ports");
            return;
        }

        byte[]? answer = null;
        if (!session.RemoteBody.IsEmpty)
        {
            try
            {
                answer = media.AnswerOffer(session.RemoteBody.Span);
            }
            catch (MediaNegotiationException e)
            {
                Log.NotAcceptable(_logger, session.CallId, e.Message);
                session.Reject(488, "Not Acceptable Here");
                _ = media.DisposeAsync().AsTask();
                return;
            }
        }

        var leg = new CallLeg(this, session, media, CallDirection.Inbound, answer);
        _legs[leg.Id] = leg;
        var handler = IncomingCall;
        if (handler is null)
        {
            leg.Reject(480, "Temporarily Unavailable");
            return;
        }

        handler(leg);
    }

    private static SipEndpoint ResolveDestination(AddressUri uri)
    {
        if (uri is SipUri sip && IPAddress.TryParse(sip.Host.Trim('[', ']'), out var address))
        {
            var tcp = string.Equals(sip.Transport, "tcp", StringComparison.OrdinalIgnoreCase);
            return new SipEndpoint(tcp ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp, new IPEndPoint(address, sip.Port ?? 5060));
        }

        throw new ArgumentException($"{uri} does not name an IP address; pass the destination (a proxy, a registered contact) explicitly.", nameof(uri));
    }
}
