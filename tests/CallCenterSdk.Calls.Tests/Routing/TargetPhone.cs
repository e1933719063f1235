using CallCenterSdk.Calls.Tests.Support;

namespace CallCenterSdk.Calls.Tests.Routing;

/// <summary>How a scripted phone treats an incoming call.</summary>
internal enum PhoneBehaviour
{
    /// <summary>180, then answers when told to (<see cref="TargetPhone.AnswerNow"/>).</summary>
    RingThenAnswerOnCue,

    /// <summary>180 and answers at once.</summary>
    AnswerAtOnce,

    /// <summary>180 and never answers.</summary>
    RingForever,

    /// <summary>486 Busy Here.</summary>
    Busy,

    /// <summary>183 with SDP playing its own tone as early media, answers on cue.</summary>
    EarlyMediaThenAnswerOnCue,
}

/// <summary>An engine acting as a phone: rings, answers, is busy, plays a tone of its own to whoever it talks to.</summary>
internal sealed class TargetPhone
{
    private readonly TaskCompletionSource<CallLeg> _offered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cue = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TargetPhone(CallEngine engine, string user, PhoneBehaviour behaviour, double tone)
    {
        Engine = engine;
        User = user;
        Tone = tone;
        Hears = new ToneProbe(8000, 425, 600, 700, 800, 1000);
        engine.IncomingCall += leg => OnCall(leg, behaviour);
    }

    public CallEngine Engine { get; }

    public string User { get; }

    public double Tone { get; }

    public ToneProbe Hears { get; }

    public string Uri => Engines.UriOf(Engine, User);

    public Task<CallLeg> Offered => _offered.Task;

    public static async Task<TargetPhone> StartAsync(Engines engines, string user, PhoneBehaviour behaviour, double tone = 600) =>
        new(await engines.StartAsync(), user, behaviour, tone);

    public void AnswerNow() => _cue.TrySetResult();

    private void OnCall(CallLeg leg, PhoneBehaviour behaviour)
    {
        leg.Listen(Hears);
        leg.Hear(Tones.Steady(Tone));
        _offered.TrySetResult(leg);
        switch (behaviour)
        {
            case PhoneBehaviour.Busy:
                leg.Reject(486);
                return;
            case PhoneBehaviour.AnswerAtOnce:
                leg.Ring();
                leg.Answer();
                return;
            case PhoneBehaviour.RingForever:
                leg.Ring();
                return;
            case PhoneBehaviour.EarlyMediaThenAnswerOnCue:
                leg.StartEarlyMedia();
                break;
            default:
                leg.Ring();
                break;
        }

        _ = _cue.Task.ContinueWith(_ =>
        {
            if (leg.State != CallLegState.Ended)
            {
                leg.Answer();
            }
        }, TaskScheduler.Default);
    }
}
