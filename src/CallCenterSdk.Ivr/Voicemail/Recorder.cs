using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Voicemail;

/// <summary>Records the caller with the options shared by the record and voicemail steps.</summary>
internal static class Recorder
{
    /// <summary>The record beep: 1 kHz for 250 ms, as answering machines use.</summary>
    private static readonly Prompt Beep = new TonePrompt(1000, 0, TimeSpan.FromMilliseconds(250));

    /// <summary>In-band key tones last 40-100 ms plus detector latency; cut this much when a key ended the recording.</summary>
    private static readonly TimeSpan KeyToneTrim = TimeSpan.FromMilliseconds(200);

    public static async Task<(PcmAudio Audio, RecordingEnd End, bool HeardVoice)> RecordAsync(
        FlowSession session, RecordingOptions options, CancellationToken cancellationToken)
    {
        await session.PlayAsync(options.Prompts, 1, false, cancellationToken).ConfigureAwait(false);
        if (options.Beep)
        {
            await session.PlayAsync([Beep], 1, false, cancellationToken).ConfigureAwait(false);
        }

        session.Digits.Clear();
        var sink = new RecordingSink(session.Channel.Format, options);
        using (session.Channel.Listen(sink))
        using (session.Digits.OnDigit(() =>
        {
            while (session.Digits.TryRead(out char digit))
            {
                if (options.FinishOnKey.Contains(digit, StringComparison.Ordinal))
                {
                    sink.End(RecordingEnd.Key);
                }
            }
        }))
        using (cancellationToken.Register(() => sink.End(RecordingEnd.HangUp)))
        {
            var end = await sink.Ended.ConfigureAwait(false);
            if (end == RecordingEnd.HangUp && !session.Channel.IsHungUp)
            {
                // Cancelled for another reason (step timeout, host shutdown): let the engine handle it.
                cancellationToken.ThrowIfCancellationRequested();
            }

            session.Accept($"recording ended by {end}");
            return (sink.ToAudio(end, KeyToneTrim), end, sink.HeardVoice);
        }
    }
}
