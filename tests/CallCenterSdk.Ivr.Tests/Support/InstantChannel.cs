using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Testing;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>
/// A channel whose prompts take no time, for load tests where tens of thousands of calls wait for input at
/// once; the caller's keys are pushed straight in as RFC 4733 digits.
/// </summary>
internal sealed class InstantChannel(string callId) : ICallChannel
{
    public string CallId { get; } = callId;

    public string TenantId => "tenant-a";

    public string CallerNumber => "+8613800000000";

    public string CalledNumber => "4008001234";

    public AudioFormat Format => AudioFormat.Narrowband;

    public bool IsHungUp { get; private set; }

    public IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>();

    public int PromptsPlayed { get; private set; }

    public event EventHandler<DtmfReceivedEventArgs>? DtmfReceived;

    public event EventHandler<CallHungUpEventArgs>? HungUp;

    public ValueTask PlayAsync(IAudioSource source, string description, CancellationToken cancellationToken)
    {
        PromptsPlayed++;
        return ValueTask.CompletedTask;
    }

    public IDisposable Listen(IAudioSink sink) => throw new NotSupportedException();

    public ValueTask<TransferResult> TransferAsync(TransferTarget target, TimeSpan ringTimeout, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new TransferResult(TransferOutcome.Completed));

    public ValueTask HangUpAsync(string reason, CancellationToken cancellationToken)
    {
        IsHungUp = true;
        HungUp?.Invoke(this, new CallHungUpEventArgs(HangUpParty.Flow, reason));
        return ValueTask.CompletedTask;
    }

    public void Press(char digit) => DtmfReceived?.Invoke(this, new DtmfReceivedEventArgs(digit, DtmfTransport.TelephoneEvent));

    public void CallerHangsUp()
    {
        IsHungUp = true;
        HungUp?.Invoke(this, new CallHungUpEventArgs(HangUpParty.Caller, "caller hung up"));
    }
}
