namespace CallCenterSdk.Ivr.Testing;

/// <summary>
/// A caller's behaviour in order: wait for a prompt, press keys as in-band tones or RFC 4733 events, speak,
/// stay silent, hang up. Audio actions queue one after another on the caller's side of the line.
/// </summary>
public sealed class CallerScript
{
    internal List<CallerAction> Actions { get; } = [];

    /// <summary>Waits until a prompt whose description contains <paramref name="text"/> starts playing.</summary>
    public CallerScript WaitForPrompt(string text)
    {
        Actions.Add(new WaitForPromptAction(text));
        return this;
    }

    /// <summary>Waits (silently) for <paramref name="duration"/> after the caller's audio queued so far.</summary>
    public CallerScript Wait(TimeSpan duration)
    {
        Actions.Add(new WaitAction(duration));
        return this;
    }

    /// <summary>Sends <paramref name="keys"/> as in-band DTMF audio (100 ms tone, 100 ms pause each).</summary>
    public CallerScript PressInBand(string keys)
    {
        Actions.Add(new PressInBandAction(keys));
        return this;
    }

    /// <summary>Sends <paramref name="keys"/> as RFC 4733 telephone-events (100 ms each).</summary>
    public CallerScript PressTelephoneEvent(string keys)
    {
        Actions.Add(new PressTelephoneEventAction(keys));
        return this;
    }

    /// <summary>Speaks (voice-band audio well above the silence threshold) for <paramref name="duration"/>.</summary>
    public CallerScript Speak(TimeSpan duration) => Speak(duration, MediaTestChannel.SpeechLevel);

    /// <summary>
    /// Speaks for <paramref name="duration"/> at <paramref name="level"/> of full scale (a 300/700 Hz mix whose RMS is
    /// level × 16,384: 0.4 is about 6,550, 0.012 about 197, below the default 300 silence threshold).
    /// </summary>
    public CallerScript Speak(TimeSpan duration, double level)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 1.0);
        Actions.Add(new SpeakAction(duration, level));
        return this;
    }

    /// <summary>Hangs up once everything queued before has been sent.</summary>
    public CallerScript HangUp()
    {
        Actions.Add(new HangUpAction());
        return this;
    }
}
