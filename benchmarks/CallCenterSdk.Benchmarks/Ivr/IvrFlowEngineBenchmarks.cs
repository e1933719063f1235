using BenchmarkDotNet.Attributes;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Benchmarks.Ivr;

/// <summary>
/// One whole call through a five-node JSON flow (play, menu, gather, condition, hang-up) on a channel whose
/// prompts take no time and whose caller typed ahead: the engine's own cost per call, and loading the flow.
/// </summary>
[MemoryDiagnoser]
public class IvrFlowEngineBenchmarks
{
    private const string Json = """
        { "schema": "callcentersdk.ivr.flow/1", "id": "bench", "start": "welcome", "nodes": [
          { "id": "welcome", "type": "play", "prompts": [{ "silence": 0.5 }], "bargeIn": true, "next": "menu" },
          { "id": "menu", "type": "menu", "prompts": [{ "tone": 440, "seconds": 0.2 }], "options": { "1": "pin", "2": "bye" }, "onFailure": "bye" },
          { "id": "pin", "type": "gather", "variable": "pin", "prompts": [], "maxDigits": 4, "next": "check" },
          { "id": "check", "type": "condition", "branches": [ { "if": "len(pin) == 4 and pin != '0000'", "goto": "bye" } ], "else": "menu" },
          { "id": "bye", "type": "hangup", "reason": "done" }
        ] }
        """;

    private readonly IvrFlow _flow = FlowJsonLoader.Load(Json);
    private readonly FlowEngine _engine = new(new IvrServices { Prompts = new PromptRenderer(null, null) });

    /// <summary>Load and validate the flow document.</summary>
    [Benchmark]
    public IvrFlow LoadJson() => FlowJsonLoader.Load(Json);

    /// <summary>Run one call to the end.</summary>
    [Benchmark]
    public async Task<FlowResult> RunCall()
    {
        var channel = new TypeAheadChannel("11234");
        return await _engine.RunAsync(_flow, channel).ConfigureAwait(false);
    }

    private sealed class TypeAheadChannel(string keys) : ICallChannel
    {
        private int _next;

        public string CallId => "bench";

        public string TenantId => "t";

        public string CallerNumber => "+8613800000000";

        public string CalledNumber => "400";

        public AudioFormat Format => AudioFormat.Narrowband;

        public bool IsHungUp { get; private set; }

        public IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>();

        public event EventHandler<DtmfReceivedEventArgs>? DtmfReceived;

        public event EventHandler<CallHungUpEventArgs>? HungUp;

        public ValueTask PlayAsync(IAudioSource source, string description, CancellationToken cancellationToken)
        {
            // The caller types every key during the first prompt (type-ahead).
            while (_next < keys.Length)
            {
                DtmfReceived?.Invoke(this, new DtmfReceivedEventArgs(keys[_next++], DtmfTransport.TelephoneEvent));
            }

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
    }
}
