namespace CallCenterSdk.Ivr.Speech;

/// <summary>What to say and how.</summary>
/// <param name="Text">The text (UTF-8 capable: Mandarin text is passed through as is).</param>
/// <param name="Voice">The voice name (espeak-ng: en-us, en, cmn, ...).</param>
/// <param name="Rate">Words per minute (espeak-ng's -s; 80 to 450).</param>
/// <param name="SampleRate">Output sample rate: 8000 or 16000 for telephony.</param>
public sealed record SpeechRequest(string Text, string Voice, int Rate, int SampleRate);
