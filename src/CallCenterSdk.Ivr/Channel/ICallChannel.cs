using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Channel;

/// <summary>
/// One caller's leg as the IVR sees it. The call-control layer implements it over a SIP dialog and an RTP
/// session; the media test channel implements it over buffers and the media layer's DTMF
/// detectors. Implementations do I/O only: every decision (timeouts, retries, barge-in) is the engine's.
/// Events may be raised on any thread but never while the channel holds a lock.
/// </summary>
public interface ICallChannel
{
    /// <summary>The call's identifier (the SIP Call-ID or the host's own id), used in traces and stored results.</summary>
    string CallId { get; }

    /// <summary>The tenant that owns the number that was called.</summary>
    string TenantId { get; }

    /// <summary>The caller's number (ANI), as signalled.</summary>
    string CallerNumber { get; }

    /// <summary>The number the caller dialled (DNIS).</summary>
    string CalledNumber { get; }

    /// <summary>The PCM format of audio played to and heard from the caller.</summary>
    AudioFormat Format { get; }

    /// <summary>True once either side has hung up.</summary>
    bool IsHungUp { get; }

    /// <summary>Call variables set by signalling or the host (SIP headers, campaign ids); read-only to flows.</summary>
    IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Raised for every DTMF digit the caller sends, whichever way it arrived.</summary>
    event EventHandler<DtmfReceivedEventArgs>? DtmfReceived;

    /// <summary>Raised once when the call ends (the caller hung up, or the flow or an agent ended it).</summary>
    event EventHandler<CallHungUpEventArgs>? HungUp;

    /// <summary>
    /// Plays <paramref name="source"/> to the caller until it ends. Cancelling stops the audio at the next frame.
    /// </summary>
    /// <param name="source">The audio, in <see cref="Format"/>.</param>
    /// <param name="description">What is being played (a prompt's name or text), for traces and tests.</param>
    /// <param name="cancellationToken">Stops playback.</param>
    ValueTask PlayAsync(IAudioSource source, string description, CancellationToken cancellationToken);

    /// <summary>
    /// Sends every frame heard from the caller to <paramref name="sink"/> until the returned handle is disposed.
    /// Used for recording and voicemail.
    /// </summary>
    IDisposable Listen(IAudioSink sink);

    /// <summary>Transfers the caller and reports whether the far end took the call.</summary>
    ValueTask<TransferResult> TransferAsync(TransferTarget target, TimeSpan ringTimeout, CancellationToken cancellationToken);

    /// <summary>Ends the call from the IVR side.</summary>
    ValueTask HangUpAsync(string reason, CancellationToken cancellationToken);
}
