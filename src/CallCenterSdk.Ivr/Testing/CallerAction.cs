namespace CallCenterSdk.Ivr.Testing;

/// <summary>What a scripted caller does next (see <see cref="CallerScript"/>).</summary>
internal abstract record CallerAction;

internal sealed record WaitForPromptAction(string Text) : CallerAction;

internal sealed record WaitAction(TimeSpan Duration) : CallerAction;

internal sealed record PressInBandAction(string Keys) : CallerAction;

internal sealed record PressTelephoneEventAction(string Keys) : CallerAction;

internal sealed record SpeakAction(TimeSpan Duration, double Level) : CallerAction;

internal sealed record HangUpAction : CallerAction;
