using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Dtmf;

namespace CallCenterSdk.Ivr.Testing;

/// <summary>
/// An <see cref="ICallChannel"/> for tests and demos that goes through the media layer as a phone call
/// would: prompts are pulled frame by frame into a buffer, the caller's keys arrive as real in-band DTMF
/// audio found by <see cref="DtmfDetector"/> or as RFC 4733 packets decoded by
/// <see cref="TelephoneEventReceiver"/>, and recordings hear the caller's audio. It is its own media
/// clock: <see cref="Tick"/> moves one 20 ms frame and advances the test's clock by the same amount, so
/// timeouts and audio stay in step. Single-threaded: drive it with <see cref="RunAsync{T}"/>, which runs
/// every completion inline on the driving thread.
/// </summary>
public sealed class MediaTestChannel : ICallChannel
{
    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(AudioFormat.FrameMilliseconds);
    private readonly TimeProvider _time;
    private readonly Action<TimeSpan> _advanceClock;
    private readonly DtmfDetector _detector;
    private readonly TelephoneEventReceiver _eventReceiver;
    private readonly TelephoneEventSender _eventSender;
    private readonly List<IAudioSink> _listeners = [];
    private readonly List<short> _played = [];
    private readonly List<PlayedPrompt> _prompts = [];
    private readonly List<TransferTarget> _transfers = [];
    private readonly List<TransferTarget> _abandonedTransfers = [];
    private readonly Queue<IAudioSource> _callerAudio = new();
    private readonly Queue<char> _pendingEvents = new();
    private readonly short[] _outFrame;
    private readonly short[] _inFrame;
    private readonly byte[] _eventPayload = new byte[TelephoneEventPayload.Length];
    private IAudioSource? _playing;
    private PlayedPrompt? _playingPrompt;
    private TaskCompletionSource? _playDone;
    private CancellationTokenRegistration _playRegistration;
    private uint _rtpTimestamp = 0x1000;
    private int _eventGapTicks;
    private Ringing? _ringing;

    /// <summary>Creates the channel.</summary>
    /// <param name="time">The clock the engine uses (a FakeTimeProvider in tests).</param>
    /// <param name="advanceClock">Advances that clock (e.g. <c>fake.Advance</c>); called once per frame.</param>
    /// <param name="callerNumber">The caller's number.</param>
    /// <param name="format">Audio format; default 8 kHz mono.</param>
    public MediaTestChannel(TimeProvider time, Action<TimeSpan> advanceClock, string callerNumber = "+8610555000", AudioFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(advanceClock);
        _time = time;
        _advanceClock = advanceClock;
        CallerNumber = callerNumber;
        Format = format ?? AudioFormat.Narrowband;
        _outFrame = new short[Format.SamplesPerFrame];
        _inFrame = new short[Format.SamplesPerFrame];
        _detector = new DtmfDetector(Format.SampleRate);
        _detector.KeyDetected += (_, e) => RaiseDigit(e.Detection.Key, DtmfTransport.InBand);
        _eventReceiver = new TelephoneEventReceiver(8000, time);
        _eventReceiver.Started += (_, e) => RaiseDigit(e.Digit, DtmfTransport.TelephoneEvent);
        _eventSender = new TelephoneEventSender(unitsPerTick: 160);
    }

    /// <inheritdoc />
    public string CallId { get; init; } = "call-" + Guid.NewGuid().ToString("N")[..8];

    /// <inheritdoc />
    public string TenantId { get; init; } = "tenant-a";

    /// <inheritdoc />
    public string CallerNumber { get; }

    /// <inheritdoc />
    public string CalledNumber { get; init; } = "4008001234";

    /// <inheritdoc />
    public AudioFormat Format { get; }

    /// <inheritdoc />
    public bool IsHungUp { get; private set; }

    /// <summary>Who hung up and why, once <see cref="IsHungUp"/>.</summary>
    public CallHungUpEventArgs? HangUpInfo { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Decides how transfers end; default: every transfer is answered. A <see cref="TransferOutcome.NoAnswer"/>
    /// result is a target that never answers: it rings until the attempt is cancelled, as a real phone would.
    /// </summary>
    public Func<TransferTarget, TransferResult> TransferResponder { get; set; } = _ => new TransferResult(TransferOutcome.Completed);

    /// <summary>
    /// How long a transfer target rings (in simulated time, moved by <see cref="Tick"/>) before the
    /// <see cref="TransferResponder"/>'s answer, busy or rejection arrives; default none. The channel itself does
    /// not stop ringing at the ring timeout: it leaves that to the engine, so tests see the step enforce it.
    /// </summary>
    public Func<TransferTarget, TimeSpan> TransferRingTime { get; set; } = _ => TimeSpan.Zero;

    /// <summary>Every prompt played, in order.</summary>
    public IReadOnlyList<PlayedPrompt> Prompts => _prompts;

    /// <summary>All audio sent to the caller, concatenated.</summary>
    public IReadOnlyList<short> PlayedAudio => _played;

    /// <summary>Transfers requested, in order.</summary>
    public IReadOnlyList<TransferTarget> Transfers => _transfers;

    /// <summary>Transfers cancelled while the target rang (ring timeout, step timeout, hang-up), in order.</summary>
    public IReadOnlyList<TransferTarget> AbandonedTransfers => _abandonedTransfers;

    /// <summary>True while a transfer target rings.</summary>
    public bool IsRingingTransfer => _ringing is not null;

    /// <summary>Digits the channel decoded, with their transport, in order.</summary>
    public List<(char Digit, DtmfTransport Transport)> DecodedDigits { get; } = [];

    /// <inheritdoc />
    public event EventHandler<DtmfReceivedEventArgs>? DtmfReceived;

    /// <inheritdoc />
    public event EventHandler<CallHungUpEventArgs>? HungUp;

    /// <summary>True while a prompt is playing.</summary>
    public bool IsPlaying => _playing is not null;

    /// <summary>True when the caller has no audio or events left to send.</summary>
    public bool CallerIdle => _callerAudio.Count == 0 && _pendingEvents.Count == 0 && !_eventSender.IsActive && _eventGapTicks == 0;

    /// <inheritdoc />
    public ValueTask PlayAsync(IAudioSource source, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        if (IsHungUp)
        {
            return ValueTask.FromCanceled(new CancellationToken(true));
        }

        if (_playing is not null)
        {
            throw new InvalidOperationException($"'{_playingPrompt!.Description}' is still playing; the engine plays one prompt at a time.");
        }

        if (source.Format != Format)
        {
            throw new ArgumentException($"Prompt '{description}' is {source.Format.SampleRate} Hz; the channel plays {Format.SampleRate} Hz.", nameof(source));
        }

        _playing = source;
        _playingPrompt = new PlayedPrompt(description, _time.GetUtcNow());
        _prompts.Add(_playingPrompt);
        var done = new TaskCompletionSource();
        _playDone = done;
        _playRegistration = cancellationToken.Register(() => StopPlayback(done, cancellationToken));
        return new ValueTask(done.Task);
    }

    /// <inheritdoc />
    public IDisposable Listen(IAudioSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _listeners.Add(sink);
        return new Listening(this, sink);
    }

    /// <inheritdoc />
    public ValueTask<TransferResult> TransferAsync(TransferTarget target, TimeSpan ringTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ringTimeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        if (_ringing is not null)
        {
            throw new InvalidOperationException("A transfer is already ringing; the engine transfers one target at a time.");
        }

        _transfers.Add(target);
        var result = TransferResponder(target);
        var ringFor = TransferRingTime(target);
        bool neverAnswers = result.Outcome == TransferOutcome.NoAnswer;
        if (!neverAnswers && ringFor <= TimeSpan.Zero)
        {
            return ValueTask.FromResult(result);
        }

        var ringing = new Ringing(target, result, neverAnswers ? null : _time.GetUtcNow() + ringFor);
        _ringing = ringing;
        ringing.Registration = cancellationToken.Register(() => AbandonTransfer(ringing, cancellationToken));
        return new ValueTask<TransferResult>(ringing.Done.Task);
    }

    /// <inheritdoc />
    public ValueTask HangUpAsync(string reason, CancellationToken cancellationToken)
    {
        EndCall(HangUpParty.Flow, reason);
        return ValueTask.CompletedTask;
    }

    /// <summary>The caller hangs up now.</summary>
    public void CallerHangsUp() => EndCall(HangUpParty.Caller, "caller hung up");

    /// <summary>Queues in-band DTMF audio for <paramref name="keys"/>.</summary>
    public void SendInBand(string keys) => _callerAudio.Enqueue(new DtmfGenerator(keys, Format));

    /// <summary>Queues RFC 4733 events for <paramref name="keys"/>.</summary>
    public void SendTelephoneEvents(string keys)
    {
        foreach (char key in keys)
        {
            _pendingEvents.Enqueue(key);
        }
    }

    /// <summary>The level <see cref="SendSpeech"/> uses unless told otherwise: 0.4 of full scale (RMS about 6,550).</summary>
    public const double SpeechLevel = 0.4;

    /// <summary>
    /// Queues voice-band audio (a 300/700 Hz mix, not a DTMF pair) as the caller speaking, at <paramref name="level"/>
    /// of full scale (RMS about level × 16,384).
    /// </summary>
    public void SendSpeech(TimeSpan duration, double level = SpeechLevel) => _callerAudio.Enqueue(new ToneSource(Format, 300, 700, duration, level));

    /// <summary>Queues silence on the caller's side.</summary>
    public void SendSilence(TimeSpan duration) => _callerAudio.Enqueue(new PauseSource(Format, duration));

    /// <summary>
    /// Moves one 20 ms frame: the caller's audio goes to the DTMF detector and any recording, pending RFC 4733
    /// packets go to the event receiver, one frame of the current prompt is played, then the clock advances.
    /// </summary>
    public void Tick()
    {
        // Caller -> IVR.
        Array.Clear(_inFrame);
        while (_callerAudio.TryPeek(out var source))
        {
            if (source.ReadFrame(_inFrame) > 0)
            {
                break;
            }

            _callerAudio.Dequeue();
        }

        if (!IsHungUp)
        {
            _detector.WriteFrame(_inFrame);
            foreach (var sink in _listeners.ToArray())
            {
                sink.WriteFrame(_inFrame);
            }

            SendTelephoneEventPacket();
        }

        // IVR -> caller.
        if (_playing is { } playing)
        {
            int read = playing.ReadFrame(_outFrame);
            for (int i = 0; i < read; i++)
            {
                _played.Add(_outFrame[i]);
            }

            _playingPrompt!.SamplesPlayed += read;
            if (read < _outFrame.Length)
            {
                var done = _playDone!;
                _playingPrompt.Completed = true;
                ClearPlayback();
                done.TrySetResult();
            }
        }

        _rtpTimestamp += (uint)Format.SamplesPerChannelPerFrame;
        _advanceClock(FrameLength);
        _eventReceiver.Poll();

        // The transfer target answers (or refuses) once it has rung long enough.
        if (_ringing is { AnswersAt: { } answersAt } ringing && _time.GetUtcNow() >= answersAt)
        {
            _ringing = null;
            ringing.Registration.Dispose();
            ringing.Done.TrySetResult(ringing.Result);
        }
    }

    /// <summary>
    /// Runs the caller's script against a flow already started on this channel, one frame at a time, until
    /// the flow ends. Throws <see cref="TimeoutException"/> (with the prompts heard) when it runs longer than
    /// <paramref name="limit"/> of simulated time.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> flow, CallerScript script, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(script);
        // Continuations are only inlined where there is no SynchronizationContext (test frameworks install one);
        // with one, every completion would hop to the thread pool and race the clock.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            Drive(flow, script, limit);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }

        return await flow.ConfigureAwait(false);
    }

    private void Drive(Task flow, CallerScript script, TimeSpan limit)
    {
        var actions = new Queue<CallerAction>(script.Actions);
        int promptMark = 0;
        DateTimeOffset? waitUntil = null;
        DateTimeOffset end = _time.GetUtcNow() + limit;
        while (!flow.IsCompleted)
        {
            if (_time.GetUtcNow() > end)
            {
                throw new TimeoutException(
                    $"The flow did not finish within {limit} of simulated time; {actions.Count} caller actions left; prompts: {string.Join(" | ", _prompts)}");
            }

            while (actions.TryPeek(out var action))
            {
                bool done = action switch
                {
                    WaitForPromptAction w => HasPromptSince(promptMark, w.Text),
                    WaitAction w => CallerIdle && (waitUntil ??= _time.GetUtcNow() + w.Duration) <= _time.GetUtcNow(),
                    PressInBandAction p => Do(() => SendInBand(p.Keys)),
                    PressTelephoneEventAction p => Do(() => SendTelephoneEvents(p.Keys)),
                    SpeakAction s => Do(() => SendSpeech(s.Duration, s.Level)),
                    HangUpAction => CallerIdle && Do(CallerHangsUp),
                    _ => throw new InvalidOperationException("Unknown caller action " + action),
                };
                if (!done)
                {
                    break;
                }

                actions.Dequeue();
                waitUntil = null;
                if (action is WaitForPromptAction)
                {
                    promptMark = _prompts.Count;
                }
            }

            Tick();
        }
    }

    private bool HasPromptSince(int mark, string text)
    {
        for (int i = mark; i < _prompts.Count; i++)
        {
            if (_prompts[i].Description.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Do(Action action)
    {
        action();
        return true;
    }

    private void SendTelephoneEventPacket()
    {
        if (!_eventSender.IsActive)
        {
            if (_eventGapTicks > 0)
            {
                _eventGapTicks--;
                return;
            }

            if (!_pendingEvents.TryDequeue(out char key))
            {
                return;
            }

            // 100 ms events (800 units at 8 kHz), as a phone sends for a short key press.
            _eventSender.Start(TelephoneEventCode.FromDigit(key), _rtpTimestamp, 800);
        }

        if (_eventSender.TryNextPacket(out var packet))
        {
            packet.Payload.Write(_eventPayload);
            _eventReceiver.Receive(packet.Timestamp, _eventPayload);
        }

        if (!_eventSender.IsActive)
        {
            // A 100 ms pause between keys.
            _eventGapTicks = 5;
        }
    }

    private void RaiseDigit(char digit, DtmfTransport transport)
    {
        DecodedDigits.Add((digit, transport));
        DtmfReceived?.Invoke(this, new DtmfReceivedEventArgs(digit, transport));
    }

    private void AbandonTransfer(Ringing ringing, CancellationToken token)
    {
        if (_ringing != ringing)
        {
            return;
        }

        _ringing = null;
        _abandonedTransfers.Add(ringing.Target);
        ringing.Done.TrySetCanceled(token);
    }

    private void StopPlayback(TaskCompletionSource done, CancellationToken token)
    {
        if (_playDone != done)
        {
            return;
        }

        ClearPlayback();
        done.TrySetCanceled(token);
    }

    private void ClearPlayback()
    {
        _playing = null;
        _playingPrompt = null;
        _playDone = null;
        _playRegistration.Dispose();
    }

    private void EndCall(HangUpParty party, string reason)
    {
        if (IsHungUp)
        {
            return;
        }

        IsHungUp = true;
        HangUpInfo = new CallHungUpEventArgs(party, reason);
        HungUp?.Invoke(this, HangUpInfo);
    }

    /// <summary>A transfer target ringing; <see cref="AnswersAt"/> null for one that never answers.</summary>
    private sealed class Ringing(TransferTarget target, TransferResult result, DateTimeOffset? answersAt)
    {
        public TransferTarget Target { get; } = target;

        public TransferResult Result { get; } = result;

        public DateTimeOffset? AnswersAt { get; } = answersAt;

        public TaskCompletionSource<TransferResult> Done { get; } = new();

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Listening(MediaTestChannel channel, IAudioSink sink) : IDisposable
    {
        public void Dispose() => channel._listeners.Remove(sink);
    }
}
