using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Dtmf;
using CallCenterSdk.Media.Jitter;
using CallCenterSdk.Media.Quality;
using CallCenterSdk.Media.Resampling;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Transport;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Calls.Media;

/// <summary>
/// One leg's media: SDP offer/answer mapped to an RTP session with the negotiated codec and telephone-event
/// payload, and the audio routing of the leg. What the peer says (decoded through a jitter buffer) goes to the
/// leg's taps (<see cref="Listen"/>); what the peer hears is a prompt (<see cref="PlayAsync"/>) if one plays,
/// else the sum of the sources it hears (<see cref="Hear"/>), else silence. When two legs with the same codec
/// are bridged, packets are relayed without decoding (<see cref="StartRelay"/>). Ticked by the
/// <see cref="MediaClock"/>; packets arrive on the transport's receive loop.
/// </summary>
public sealed class MediaSession : IMediaClockClient, IRtpPacketSink, IAsyncDisposable
{
    private const int MaxPayload = 1500;

    private readonly MediaSessionOptions _options;
    private readonly AudioCodecRegistry _registry;
    private readonly MediaClock _clock;
    private readonly TimeProvider _time;
    private readonly UdpMediaTransport _transport;
    private readonly RtpSession _rtp;
    private readonly RtpEndpoint _endpoint;
    private readonly SdpLocalCapabilities _capabilities;
    private readonly object _gate = new();
    private readonly object _sendGate = new();
    private readonly List<(char Digit, DtmfSource Source)> _pendingDigits = [];
    private readonly byte[] _sendBuffer = new byte[MaxPayload];
    private readonly ConcurrentQueue<PendingDatagram> _pendingSends = new();
    private byte[]? _payload; // encoded frames and RFC 4733 events: a relaying leg never needs it
    private IAudioSink[] _taps = [];
    private IAudioSource[] _hearing = [];
    private SessionDescription? _local;
    private SessionDescription? _remote;
    private SessionDescription? _pendingOffer;
    private Agreement? _negotiated;
    private JitterBuffer? _jitter;
    private AudioCodecRegistration? _decoding;
    private IAudioEncoder? _encoder;
    private TelephoneEventReceiver? _eventReceiver;
    private TelephoneEventSender? _eventSender;
    private DtmfDetector? _inband;
    private IAudioSink? _inbandTap;
    private short[] _inFrame = [];
    private short[] _outFrame = [];
    private short[] _mixFrame = [];
    private Prompt? _prompt;
    private MediaSession? _relayTo;
    private RelayMap _relayMap;
    private bool _relayIn;
    private bool _relayOffsetValid;
    private uint _relayOffset;
    private uint _relaySourceSsrc;
    private uint _relayEnd;
    private bool _relayEndValid;
    private bool _started;
    private int _disposed;
    private long _sendFailures;
    private long _relayed;
    private long _unexpectedPayloads;

    /// <summary>Opens the RTP sockets (so the port can go into SDP); nothing is sent before negotiation.</summary>
    /// <param name="options">How to negotiate and carry media.</param>
    /// <param name="registry">The codecs.</param>
    /// <param name="clock">The clock that paces what the session sends.</param>
    /// <param name="time">The time source; the system's when null.</param>
    /// <param name="random">Randomness for SSRC, sequence and CNAME; the shared one when null.</param>
    /// <param name="poller">Who reads the session's sockets on Linux: a call engine passes its own; null for <see cref="MediaSocketPoller.Shared"/>.</param>
    public MediaSession(MediaSessionOptions options, AudioCodecRegistry registry, MediaClock clock, TimeProvider? time = null, Random? random = null, MediaSocketPoller? poller = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options;
        _registry = registry;
        _clock = clock;
        _time = time ?? TimeProvider.System;
        random ??= Random.Shared;
        _transport = UdpMediaTransport.Open(new UdpMediaTransportOptions
        {
            LocalAddress = options.LocalAddress,
            PortRange = options.PortRange,
            Poller = poller,
            AsyncReceiveLoops = options.AsyncReceiveLoops,
        });
        var cname = options.CanonicalName ?? $"leg-{random.NextInt64():x}@callcentersdk";
        var clockRates = new Dictionary<byte, int>();
        foreach (var codec in options.Codecs)
        {
            clockRates[(byte)codec.PayloadType] = codec.ClockRate;
        }

        clockRates[(byte)SdpCodec.TelephoneEvent8000.PayloadType] = 8000;
        clockRates[(byte)SdpCodec.TelephoneEvent48000.PayloadType] = 48000;
        _rtp = new RtpSession(new RtpSessionOptions { CanonicalName = cname, PayloadClockRates = clockRates }, _time, random);
        _endpoint = new RtpEndpoint(_rtp, _transport, this, _time);
        var address = (options.AdvertisedAddress ?? _transport.LocalRtpEndPoint.Address).ToString();
        _capabilities = new SdpLocalCapabilities(address, SdpLocalCapabilities.NewSessionId(random)) { UserName = "callcentersdk" };
        var audio = new SdpMediaCapabilities("audio", _transport.LocalRtpEndPoint.Port) { Ptime = options.PacketTimeMs };
        foreach (var codec in options.Codecs)
        {
            if (!registry.TryFind(codec.EncodingName, codec.ClockRate, codec.Channels, out _))
            {
                throw new CodecNotSupportedException($"{codec} is offered but not in the codec registry; register it (e.g. AddOpus) or remove it from MediaSessionOptions.Codecs.");
            }

            audio.Codecs.Add(codec);
        }

        if (options.TelephoneEvents)
        {
            audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
            if (options.Codecs.Any(c => c.ClockRate == 48000))
            {
                audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent48000);
            }
        }

        _capabilities.Media.Add(audio);
    }

    /// <summary>Raised for every DTMF digit received as telephone-event or in-band tone (SIP INFO digits come through the leg).</summary>
    public event Action<MediaSession, char, DtmfSource>? DtmfReceived;

    /// <summary>Raised when the negotiated codec or remote address changes (first answer, re-INVITE).</summary>
    public event Action<MediaSession>? Negotiated;

    /// <summary>Where RTP arrives.</summary>
    public IPEndPoint LocalRtpEndPoint => _transport.LocalRtpEndPoint;

    /// <summary>The RTP protocol state (statistics, SSRC).</summary>
    public RtpSession Rtp => _rtp;

    /// <summary>The description we sent last.</summary>
    public SessionDescription? LocalDescription => _local;

    /// <summary>The description the peer sent last.</summary>
    public SessionDescription? RemoteDescription => _remote;

    /// <summary>The codec in use, once negotiated.</summary>
    public SdpCodec? Codec => _negotiated?.Codec;

    /// <summary>The RFC 4733 payload type agreed, or null when the peer does not take telephone-events.</summary>
    public int? TelephoneEventPayloadType => _negotiated?.TelephoneEvent?.PayloadType;

    /// <summary>The PCM format of the leg (the codec's sample rate, 20 ms frames); narrowband before negotiation.</summary>
    public AudioFormat Format { get; private set; } = AudioFormat.Narrowband;

    /// <summary>What we do with media now (sendonly while we hold the peer, inactive when both hold).</summary>
    public SdpDirection Direction => _negotiated?.Direction ?? SdpDirection.SendReceive;

    /// <summary>True when the peer put us on hold (it sent sendonly or inactive).</summary>
    public bool IsRemoteHold => _negotiated?.RemoteHold ?? false;

    /// <summary>True once offer/answer completed with an accepted audio stream.</summary>
    public bool IsNegotiated => _negotiated is not null;

    /// <summary>True while received packets are relayed to another leg without decoding.</summary>
    public bool IsRelaying => Volatile.Read(ref _relayTo) is not null;

    /// <summary>Packets the bridged leg relayed onto this leg (sent by this leg to its peer without decoding).</summary>
    public long RelayedPackets => Interlocked.Read(ref _relayed);

    /// <summary>RTP sends that failed: the socket refused them, or its send buffer was full and the packet was dropped.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Bytes waiting unread in this leg's RTP socket (see <see cref="UdpMediaTransport.PendingRtpBytes"/>).</summary>
    public int PendingRtpBytes => _transport.PendingRtpBytes;

    /// <summary>Datagrams read from this leg's sockets (RTP and RTCP), counted before any validation.</summary>
    public long ReceivedDatagrams => _transport.DatagramsReceived;

    /// <summary>Packets whose payload type was neither the codec, telephone-event nor comfort noise.</summary>
    public long UnexpectedPayloads => Interlocked.Read(ref _unexpectedPayloads);

    /// <summary>
    /// The jitter buffer's statistics while received audio is being decoded (something listens, records or detects
    /// in-band DTMF), counted since decoding last started; null while nothing decodes (a relayed leg, for one).
    /// </summary>
    public JitterBufferStatistics? JitterStatistics
    {
        get { lock (_gate) { return _jitter?.Statistics; } }
    }

    /// <summary>Creates our offer (initial INVITE, or a 2xx to an INVITE without SDP).</summary>
    public byte[] CreateOffer()
    {
        lock (_gate)
        {
            var offer = _local is null ? SdpOfferAnswer.CreateOffer(_capabilities) : SdpOfferAnswer.CreateReoffer(_local, SdpDirection.SendReceive);
            _pendingOffer = offer;
            _local = offer;
            return offer.ToArray();
        }
    }

    /// <summary>
    /// Creates a re-offer changing our direction (sendonly to hold the peer, sendrecv to resume, inactive), RFC 3264 §8.
    /// </summary>
    public byte[] CreateReoffer(SdpDirection direction)
    {
        lock (_gate)
        {
            var previous = _local ?? throw new InvalidOperationException("No description was exchanged yet; there is nothing to re-offer.");
            var offer = SdpOfferAnswer.CreateReoffer(previous, direction);
            _pendingOffer = offer;
            _local = offer;
            return offer.ToArray();
        }
    }

    /// <summary>
    /// Answers the peer's offer and applies the result. Throws <see cref="MediaNegotiationException"/> when no audio
    /// stream can be accepted (answer the INVITE with 488), or when the offer breaks RFC 3264.
    /// </summary>
    public byte[] AnswerOffer(ReadOnlySpan<byte> offerSdp)
    {
        SdpNegotiation negotiation;
        lock (_gate)
        {
            var offer = ParseRemote(offerSdp);
            try
            {
                negotiation = SdpOfferAnswer.CreateAnswer(_capabilities, offer, new SdpAnswerOptions { PreviousLocalDescription = _local });
            }
            catch (SdpOfferAnswerException e)
            {
                throw new MediaNegotiationException(e.Message, e);
            }

            var stream = negotiation.FirstAccepted("audio") ?? throw new MediaNegotiationException(
                "No audio stream of the offer could be accepted: " + string.Join("; ", negotiation.Streams.Select(s => s.RejectionReason)));
            _remote = offer;
            _local = negotiation.Answer;
            _pendingOffer = null;
            ApplyLocked(stream, offeredByUs: false);
        }

        Negotiated?.Invoke(this);
        return negotiation.Answer.ToArray();
    }

    /// <summary>Applies the peer's answer to our last offer.</summary>
    public void ApplyAnswer(ReadOnlySpan<byte> answerSdp)
    {
        lock (_gate)
        {
            var offer = _pendingOffer ?? throw new InvalidOperationException("No offer of ours is waiting for an answer.");
            var answer = ParseRemote(answerSdp);
            SdpNegotiation negotiation;
            try
            {
                negotiation = SdpOfferAnswer.EvaluateAnswer(offer, answer);
            }
            catch (SdpOfferAnswerException e)
            {
                throw new MediaNegotiationException(e.Message, e);
            }

            var stream = negotiation.FirstAccepted("audio") ?? throw new MediaNegotiationException("The answer rejected every audio stream.");
            _remote = answer;

            // The offer stays: a forked INVITE may bring another answer to it, in a later response.
            ApplyLocked(stream, offeredByUs: true);
        }

        Negotiated?.Invoke(this);
    }

    /// <summary>Forgets an offer the peer refused (a re-INVITE answered 488 or 491): the previous state stays.</summary>
    public void CancelOffer()
    {
        lock (_gate)
        {
            _pendingOffer = null;
        }
    }

    /// <summary>Starts receiving, sending and RTCP; called once the first answer is applied.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started || _disposed != 0)
            {
                return;
            }

            _started = true;
        }

        _endpoint.Start();
        _clock.Add(this);
    }

    /// <summary>
    /// Plays <paramref name="source"/> to the peer until it ends or <paramref name="cancellationToken"/> fires; it
    /// replaces what the leg hears meanwhile (bridged audio, music on hold). A new prompt replaces the current one,
    /// which completes at once.
    /// </summary>
    public Task PlayAsync(IAudioSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var prompt = new Prompt(Adapt(source));
        Prompt? previous;
        lock (_gate)
        {
            previous = _prompt;
            _prompt = prompt;
        }

        previous?.Done.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_prompt, prompt))
                    {
                        _prompt = null;
                    }
                }

                prompt.Done.TrySetCanceled(cancellationToken);
            });
            _ = prompt.Done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return prompt.Done.Task;
    }

    /// <summary>Stops the prompt playing now, if any.</summary>
    public void StopPlayback()
    {
        Prompt? prompt;
        lock (_gate)
        {
            prompt = _prompt;
            _prompt = null;
        }

        prompt?.Done.TrySetResult();
    }

    /// <summary>True while a prompt plays.</summary>
    public bool IsPlaying
    {
        get { lock (_gate) { return _prompt is not null; } }
    }

    /// <summary>
    /// Sends every frame heard from the peer (after the jitter buffer, at <see cref="Format"/>, resampled to the
    /// sink's rate when it differs) to <paramref name="sink"/> until the handle is disposed.
    /// </summary>
    public IDisposable Listen(IAudioSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var adapted = ResamplingSink.Adapt(sink, Format.SampleRate);
        lock (_gate)
        {
            // Decoding starts (or resumes) with a new jitter buffer: nothing was kept while nobody listened.
            _taps = [.. _taps, adapted];
            SyncJitterBufferLocked();
        }

        return new Removal(() =>
        {
            lock (_gate)
            {
                _taps = [.. _taps.Where(t => !ReferenceEquals(t, adapted))];
                SyncJitterBufferLocked();
            }
        });
    }

    /// <summary>Adds a source the peer hears (summed with the others) until the handle is disposed.</summary>
    public IDisposable Hear(IAudioSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var adapted = Adapt(source);
        lock (_gate)
        {
            _hearing = [.. _hearing, adapted];
        }

        return new Removal(() =>
        {
            lock (_gate)
            {
                _hearing = [.. _hearing.Where(s => !ReferenceEquals(s, adapted))];
            }
        });
    }

    /// <summary>
    /// Sends DTMF digits: as RFC 4733 telephone-events when negotiated, else as in-band tones. Completes when the
    /// last digit was sent, or when the session closes (the call ended) before that.
    /// </summary>
    public async Task SendDtmfAsync(string digits, int durationMs = 100, int gapMs = 60, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digits);
        foreach (var digit in digits)
        {
            var code = TelephoneEventCode.FromDigit(digit);
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            if (TelephoneEventPayloadType is null)
            {
                var tone = new DtmfGenerator(digit.ToString(), Format, new DtmfGeneratorOptions { ToneMilliseconds = durationMs, PauseMilliseconds = gapMs });
                await PlayAsync(tone, cancellationToken).ConfigureAwait(false);
                continue;
            }

            lock (_gate)
            {
                var agreement = _negotiated ?? throw new InvalidOperationException("Media is not negotiated yet.");
                _eventSender ??= new TelephoneEventSender(agreement.TelephoneEventUnitsPerTick);
                if (_eventSender.IsActive)
                {
                    throw new InvalidOperationException("A DTMF digit is still being sent.");
                }

                _eventSender.Start(code, _rtp.CurrentTimestamp, durationMs * agreement.TelephoneEventClockRate / 1000);
            }

            while (true)
            {
                await Task.Delay(MediaClock.Period, _time, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    // A closed session is off the clock: the event would never end.
                    if (!_eventSender.IsActive || _disposed != 0)
                    {
                        break;
                    }
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(gapMs), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Relays every packet received on this leg to <paramref name="target"/> without decoding (both legs must use
    /// the same encoding; payload type numbers are mapped). The target stops sending its own audio while
    /// relayed packets flow and no prompt plays.
    /// </summary>
    public void StartRelay(MediaSession target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var from = _negotiated ?? throw new InvalidOperationException("This leg has not negotiated media yet.");
        var to = target._negotiated ?? throw new InvalidOperationException("The target leg has not negotiated media yet.");
        if (!CanRelay(this, target))
        {
            throw new InvalidOperationException($"Cannot relay {from.Codec} to {to.Codec}: the encodings differ; transcode instead.");
        }

        lock (target._gate)
        {
            target._relayIn = true;
            target._relayOffsetValid = false;
        }

        _relayMap = new RelayMap((byte)from.Codec.PayloadType, (byte)to.Codec.PayloadType, (byte?)from.TelephoneEvent?.PayloadType, (byte?)to.TelephoneEvent?.PayloadType);
        Volatile.Write(ref _relayTo, target);
    }

    /// <summary>Stops relaying; the former target resumes sending its own audio (silence or what it hears).</summary>
    public void StopRelay()
    {
        var target = Interlocked.Exchange(ref _relayTo, null);
        if (target is not null)
        {
            lock (target._gate)
            {
                target._relayIn = false;
            }
        }
    }

    /// <summary>True when packets of <paramref name="from"/> can be relayed to <paramref name="to"/> unchanged.</summary>
    public static bool CanRelay(MediaSession from, MediaSession to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return from._negotiated is { } a && to._negotiated is { } b && a.Codec.IsSameEncoding(b.Codec);
    }

    /// <summary>Receive statistics, RTT and an E-model MOS for the stream we receive.</summary>
    public MediaStatistics GetStatistics()
    {
        var sources = _rtp.GetSources();
        var codec = _negotiated?.Codec;
        long received = 0, expected = 0, lost = 0;
        double jitterMs = 0;
        double? rtt = null;
        foreach (var source in sources)
        {
            var stats = source.Statistics;
            received += stats.Received;
            expected += stats.Expected;
            lost += Math.Max(0, stats.CumulativeLost);
            jitterMs = Math.Max(jitterMs, stats.Jitter * 1000.0 / stats.ClockRate);
            if (source.RoundTripTime is { } r)
            {
                rtt = r.TotalMilliseconds;
            }
        }

        var lossPercent = expected <= 0 ? 0 : Math.Clamp(100.0 * lost / expected, 0, 100);
        double bufferDelay;
        lock (_gate)
        {
            bufferDelay = _jitter is { IsPlaying: true } jitter ? jitter.TargetDelayMs : 2 * jitterMs;
        }

        var oneWay = ((rtt ?? 0) / 2) + bufferDelay + _options.PacketTimeMs;
        var impairment = string.Equals(codec?.EncodingName, "opus", StringComparison.OrdinalIgnoreCase) ? CodecImpairment.Opus : CodecImpairment.G711WithPlc;
        var mos = EModel.Rate(oneWay, lossPercent, impairment).Mos;
        return new MediaStatistics(received, expected, lost, jitterMs, rtt, _rtp.PacketsSent, mos, codec?.EncodingName ?? "none");
    }

    /// <inheritdoc />
    public void OnTick(MediaClockPhase phase, TimeSpan now)
    {
        if (phase == MediaClockPhase.Receive)
        {
            ReceivePhase();
        }
        else if (phase == MediaClockPhase.Send)
        {
            SendPhase();
        }
    }

    /// <inheritdoc />
    public void OnRtpPacket(RtpPacket packet, RtpReceiveOutcome outcome)
    {
        var negotiated = _negotiated;
        if (negotiated is null || _disposed != 0)
        {
            return;
        }

        var pt = packet.PayloadType;
        var relay = Volatile.Read(ref _relayTo);
        if (negotiated.TelephoneEvent is { } te && pt == te.PayloadType)
        {
            if (relay is not null && _relayMap.TargetEvent is { } targetEvent)
            {
                relay.SendRelayed(packet, targetEvent, isEvent: true);
            }

            lock (_gate)
            {
                _eventReceiver?.Receive(packet.Timestamp, packet.Payload);
            }

            RaisePendingDigits();
            return;
        }

        var isAudio = pt == negotiated.Codec.PayloadType || pt == negotiated.OfferedPayloadType;
        var isComfortNoise = pt == SdpCodec.ComfortNoise.PayloadType;
        if (!isAudio && !isComfortNoise)
        {
            Interlocked.Increment(ref _unexpectedPayloads);
            return;
        }

        if (relay is not null && isAudio)
        {
            relay.SendRelayed(packet, _relayMap.TargetAudio, isEvent: false);
        }

        lock (_gate)
        {
            if (_jitter is not null && NeedsDecodeLocked())
            {
                _jitter.Insert(packet.SequenceNumber, packet.Timestamp, packet.Marker, packet.Ssrc, packet.Payload, _clock.Now, isComfortNoise);
            }
        }
    }

    /// <summary>Sends BYE in RTCP, closes the sockets and ends any prompt.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _clock.Remove(this);
        StopRelay();
        StopPlayback();
        await _endpoint.DisposeAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _jitter?.Dispose();
            _jitter = null;
            _encoder?.Dispose();
            _encoder = null;
        }
    }

    private static SessionDescription ParseRemote(ReadOnlySpan<byte> sdp)
    {
        if (!SessionDescription.TryParse(sdp, out var description, out var error))
        {
            throw new MediaNegotiationException($"The session description is malformed: {error.Message}", error);
        }

        return description;
    }

    private void ApplyLocked(NegotiatedStream stream, bool offeredByUs)
    {
        var codec = stream.Codec ?? throw new MediaNegotiationException("The accepted audio stream has no codec.");
        var registration = _registry.TryFind(codec.EncodingName, codec.ClockRate, codec.Channels, out var found) ? found
            : throw new MediaNegotiationException($"{codec} was agreed but the registry has no implementation of it.");
        var offeredPt = offeredByUs
            ? _options.Codecs.FirstOrDefault(c => c.IsSameEncoding(codec))?.PayloadType ?? codec.PayloadType
            : codec.PayloadType;
        var previous = _negotiated;
        var te = stream.TelephoneEvent;
        var next = new Agreement(codec, offeredPt, te, stream.Direction, stream.IsRemoteHold, registration.Codec.SampleRate);
        if (previous is null || !previous.Codec.IsSameEncoding(codec))
        {
            _jitter?.Dispose();
            _jitter = null;
            _decoding = registration;
            _encoder?.Dispose();
            _encoder = registration.EncoderFactory();
            Format = new AudioFormat(registration.Codec.SampleRate);
            SetUpInbandDetectionLocked(te is null);
            SyncJitterBufferLocked();
        }

        if (te is not null && (previous?.TelephoneEvent is null || previous.TelephoneEvent.ClockRate != te.ClockRate))
        {
            _eventReceiver = new TelephoneEventReceiver(te.ClockRate, _time);
            _eventReceiver.Started += (_, e) => _pendingDigits.Add((e.Digit, DtmfSource.Rfc4733));
            _eventSender = new TelephoneEventSender(next.TelephoneEventUnitsPerTick);
        }
        else if (te is null)
        {
            _eventReceiver = null;
            _eventSender = null;
        }

        _negotiated = next;
        if (stream.RemoteAddress is { } host && IPAddress.TryParse(host, out var address) && stream.RemotePort > 0 && !address.Equals(IPAddress.Any))
        {
            var rtp = new IPEndPoint(address, stream.RemotePort).Serialize();
            var rtcpAddress = stream.RemoteRtcpAddress is { } r && IPAddress.TryParse(r, out var ra) ? ra : address;
            var rtcpPort = stream.RemoteRtcpPort > 0 ? stream.RemoteRtcpPort : stream.RemotePort + 1;
            _rtp.SetRemote(rtp, stream.RtcpMux ? rtp : new IPEndPoint(rtcpAddress, rtcpPort).Serialize());
        }
    }

    private void SetUpInbandDetectionLocked(bool noTelephoneEvent)
    {
        if (_inbandTap is not null)
        {
            _taps = [.. _taps.Where(t => !ReferenceEquals(t, _inbandTap))];
            _inbandTap = null;
        }

        var wanted = _options.InbandDtmf == InbandDtmfDetection.Always || (_options.InbandDtmf == InbandDtmfDetection.WhenNoTelephoneEvent && noTelephoneEvent);
        if (!wanted)
        {
            _inband = null;
            return;
        }

        _inband = new DtmfDetector(Format.SampleRate);
        _inband.KeyDetected += (_, e) => _pendingDigits.Add((e.Detection.Key, DtmfSource.InBand));
        _inbandTap = _inband;
        _taps = [.. _taps, _inbandTap];
    }

    private IAudioSource Adapt(IAudioSource source) =>
        source.Format.SampleRate == Format.SampleRate ? source : new ResamplingSource(source, Format.SampleRate);

    private bool NeedsDecodeLocked() => _taps.Length > 0;

    /// <summary>
    /// A PCM frame buffer of the negotiated format, made on first use (and again after a change of clock rate): a
    /// relaying leg decodes, builds and mixes nothing, so it never needs the three a leg that plays or taps audio does.
    /// </summary>
    private short[] FrameBuffer(ref short[] buffer) =>
        buffer.Length == Format.SamplesPerFrame ? buffer : buffer = new short[Format.SamplesPerFrame];

    /// <summary>
    /// A jitter buffer (and its decoder) exists only while something hears the decoded audio: a relayed leg, or one
    /// whose audio nobody taps, never decodes, and a buffer's arrays and codec state per leg were most of what a call
    /// set-up allocated (with calls set up by the dozen a second, that drove the collections that stall the clock).
    /// </summary>
    private void SyncJitterBufferLocked()
    {
        if (NeedsDecodeLocked())
        {
            if (_jitter is null && _decoding is { } registration && _disposed == 0)
            {
                _jitter = new JitterBuffer(registration.DecoderFactory(), _options.JitterBuffer);
            }
        }
        else if (_jitter is not null)
        {
            _jitter.Dispose();
            _jitter = null;
        }
    }

    private void ReceivePhase()
    {
        lock (_gate)
        {
            if (!_started)
            {
                return;
            }

            _eventReceiver?.Poll();
            if (_jitter is null || !NeedsDecodeLocked())
            {
                return;
            }

            var pcm = FrameBuffer(ref _inFrame);
            var frame = _jitter.GetFrame(_clock.Now, pcm);
            var samples = pcm.AsSpan(0, Math.Min(frame.Samples, pcm.Length));
            if (samples.Length < pcm.Length)
            {
                pcm.AsSpan(samples.Length).Clear();
            }

            foreach (var tap in _taps)
            {
                tap.WriteFrame(pcm);
            }
        }

        RaisePendingDigits();
    }

    private void SendPhase()
    {
        Prompt? finished = null;
        lock (_gate)
        {
            SendFrameLocked(ref finished);
        }

        FlushSends();
        finished?.Done.TrySetResult();
    }

    private void SendFrameLocked(ref Prompt? finished)
    {
        var negotiated = _negotiated;
        if (negotiated is null || !_started || _encoder is null || _rtp.RemoteRtpAddress is null)
        {
            return;
        }

        var units = negotiated.TimestampUnitsPerFrame;
        if (negotiated.Direction is SdpDirection.ReceiveOnly or SdpDirection.Inactive)
        {
            _rtp.AdvanceTimestamp(units);
            return;
        }

        if (_eventSender is { IsActive: true } sender && sender.TryNextPacket(out var eventPacket))
        {
            var payload = _payload ??= new byte[MaxPayload];
            var length = eventPacket.Payload.Write(payload);
            SendLocked(negotiated.TelephoneEvent!.PayloadType, eventPacket.Timestamp, eventPacket.Marker, payload.AsSpan(0, length));
            _rtp.AdvanceTimestamp(units);
            return;
        }

        if (_prompt is null && _relayIn)
        {
            return; // relayed audio flows instead of ours (BuildFrameLocked would say so), with no frame to fill
        }

        var pcm = FrameBuffer(ref _outFrame);
        if (BuildFrameLocked(pcm, ref finished))
        {
            AlignAfterRelayLocked();
            var payload = _payload ??= new byte[MaxPayload];
            var size = _encoder.Encode(pcm, payload);
            var length = _rtp.WriteAudio(_sendBuffer, (byte)negotiated.Codec.PayloadType, units, payload.AsSpan(0, size));
            SendDatagramLocked(length);
        }
    }

    /// <summary>Fills the frame the peer hears; false when nothing of ours is to be sent (relayed audio flows instead).</summary>
    private bool BuildFrameLocked(Span<short> frame, ref Prompt? finished)
    {
        if (_prompt is { } prompt)
        {
            var n = prompt.Source.ReadFrame(frame);
            frame[Math.Max(0, n)..].Clear();
            _relayOffsetValid = false;
            if (n >= frame.Length)
            {
                return true;
            }

            finished = prompt;
            _prompt = null;
            if (n > 0)
            {
                return true;
            }
        }

        if (_relayIn)
        {
            return false;
        }

        MixHearingLocked(frame);
        return true;
    }

    private bool MixHearingLocked(Span<short> frame)
    {
        var sources = _hearing;
        if (sources.Length == 0)
        {
            frame.Clear();
            return false;
        }

        if (sources.Length == 1)
        {
            var n = sources[0].ReadFrame(frame);
            frame[Math.Max(0, n)..].Clear();
            return true;
        }

        frame.Clear();
        var scratch = FrameBuffer(ref _mixFrame).AsSpan(0, frame.Length);
        foreach (var source in sources)
        {
            var n = source.ReadFrame(scratch);
            for (var i = 0; i < n; i++)
            {
                frame[i] = (short)Math.Clamp(frame[i] + scratch[i], short.MinValue, short.MaxValue);
            }
        }

        return true;
    }

    private void AlignAfterRelayLocked()
    {
        if (!_relayEndValid)
        {
            return;
        }

        _relayEndValid = false;
        var ahead = (int)(_relayEnd - _rtp.CurrentTimestamp);
        if (ahead > 0)
        {
            _rtp.AdvanceTimestamp(ahead);
        }
    }

    private void SendRelayed(RtpPacket packet, byte payloadType, bool isEvent)
    {
        lock (_gate)
        {
            var negotiated = _negotiated;
            if (negotiated is null || !_started || !_relayIn || _prompt is not null || _rtp.RemoteRtpAddress is null ||
                negotiated.Direction is SdpDirection.ReceiveOnly or SdpDirection.Inactive || _eventSender is { IsActive: true })
            {
                return;
            }

            var marker = packet.Marker;
            if (!_relayOffsetValid || packet.Ssrc != _relaySourceSsrc)
            {
                AlignAfterRelayLocked();
                _relayOffset = _rtp.CurrentTimestamp - packet.Timestamp;
                _relaySourceSsrc = packet.Ssrc;
                _relayOffsetValid = true;
                marker = true;
            }

            var timestamp = packet.Timestamp + _relayOffset;
            if (!isEvent)
            {
                var duration = negotiated.Codec.EncodingName is "PCMU" or "PCMA" ? packet.Payload.Length : negotiated.TimestampUnitsPerFrame;
                var end = timestamp + (uint)duration;
                if (!_relayEndValid || (int)(end - _relayEnd) > 0)
                {
                    _relayEnd = end;
                    _relayEndValid = true;
                }
            }

            SendLocked(payloadType, timestamp, marker, packet.Payload);
            Interlocked.Increment(ref _relayed);
        }

        FlushSends();
    }

    private void SendLocked(int payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        var length = _rtp.WriteWithTimestamp(_sendBuffer, (byte)payloadType, timestamp, marker, payload);
        SendDatagramLocked(length);
    }

    /// <summary>
    /// Queues the packet in <see cref="_sendBuffer"/> for <see cref="FlushSends"/>. The queue keeps the order in which
    /// the packets were numbered (always under <see cref="_gate"/>); the send itself (a loopback sendto runs the
    /// receiver's network stack too, several microseconds) happens after <see cref="_gate"/> is released, so the media
    /// clock and the relay of the other direction never wait for a system call of this session.
    /// </summary>
    private void SendDatagramLocked(int length)
    {
        var destination = _rtp.RemoteRtpAddress;
        if (destination is null)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        _sendBuffer.AsSpan(0, length).CopyTo(buffer);
        _pendingSends.Enqueue(new PendingDatagram(buffer, length, destination));
    }

    /// <summary>Sends the queued packets in order; called after <see cref="_gate"/> is released.</summary>
    private void FlushSends()
    {
        if (_pendingSends.IsEmpty)
        {
            return;
        }

        lock (_sendGate)
        {
            while (_pendingSends.TryDequeue(out var datagram))
            {
                try
                {
                    // A non-blocking send: done, or dropped at once when the socket's send buffer is full (a send failure too).
                    if (_transport.SendRtp(datagram.Buffer.AsSpan(0, datagram.Length), datagram.Destination) == 0)
                    {
                        Interlocked.Increment(ref _sendFailures);
                    }
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
                {
                    Interlocked.Increment(ref _sendFailures);
                }

                ArrayPool<byte>.Shared.Return(datagram.Buffer);
            }
        }
    }

    private void RaisePendingDigits()
    {
        (char, DtmfSource)[] digits;
        lock (_gate)
        {
            if (_pendingDigits.Count == 0)
            {
                return;
            }

            digits = [.. _pendingDigits];
            _pendingDigits.Clear();
        }

        foreach (var (digit, source) in digits)
        {
            DtmfReceived?.Invoke(this, digit, source);
        }
    }

    private sealed record Agreement(SdpCodec Codec, int OfferedPayloadType, SdpCodec? TelephoneEvent, SdpDirection Direction, bool RemoteHold, int SampleRate)
    {
        public int TimestampUnitsPerFrame => Codec.ClockRate * 20 / 1000;

        public int TelephoneEventClockRate => TelephoneEvent?.ClockRate ?? 8000;

        public int TelephoneEventUnitsPerTick => TelephoneEventClockRate * 20 / 1000;
    }

    private readonly record struct RelayMap(byte SourceAudio, byte TargetAudio, byte? SourceEvent, byte? TargetEvent);

    private readonly record struct PendingDatagram(byte[] Buffer, int Length, SocketAddress Destination);

    private sealed class Prompt(IAudioSource source)
    {
        public IAudioSource Source { get; } = source;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
