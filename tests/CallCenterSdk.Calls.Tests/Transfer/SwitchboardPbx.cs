using CallCenterSdk.Calls.Routing;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Calls.Transfer;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Calls.Tests.Transfer;

/// <summary>
/// A B2BUA for the transfer tests: an INVITE with Replaces goes to the transfer service; any other call is routed
/// by its user part to a phone in the directory and the bridge is tracked, so the phones can transfer.
/// </summary>
internal sealed class SwitchboardPbx
{
    private readonly Dictionary<string, string> _directory = new(StringComparer.Ordinal);

    private SwitchboardPbx(CallEngine engine)
    {
        Engine = engine;
        Router = new CallRouter(engine);
        Transfers = new TransferService(engine)
        {
            Timeout = TimeSpan.FromSeconds(10),
            ResolveTarget = uri => _directory.TryGetValue(uri.User ?? string.Empty, out var phone) ? new RingTarget(phone) : null,
        };
        engine.IncomingCall += OnCall;
    }

    public CallEngine Engine { get; }

    public CallRouter Router { get; }

    public TransferService Transfers { get; }

    public static async Task<SwitchboardPbx> StartAsync(Engines engines) => new(await engines.StartAsync());

    public void Add(string user, string uri) => _directory[user] = uri;

    public string UriOf(string user) => Engines.UriOf(Engine, user);

    private void OnCall(CallLeg leg)
    {
        if (Transfers.TryAcceptReplacement(leg))
        {
            return;
        }

        if (!_directory.TryGetValue(leg.LocalNumber ?? string.Empty, out var phone))
        {
            leg.Reject(404);
            return;
        }

        _ = Task.Run(async () =>
        {
            var result = await Router.ConnectAsync(leg, new RingPlan([new(phone)]) { RingbackTone = null });
            if (result.Bridge is { } bridge)
            {
                Transfers.Track(bridge);
            }
            else
            {
                leg.Reject(486);
            }
        });
    }
}

/// <summary>A phone that may be transferred: its call's audio (a tone out, a probe in) follows the call to a new leg.</summary>
internal sealed class TransferablePhone
{
    private readonly TaskCompletionSource<CallLeg> _offered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TransferablePhone(CallEngine engine, string user, double tone)
    {
        Engine = engine;
        User = user;
        Tone = tone;
        Transfers = new TransferService(engine) { Timeout = TimeSpan.FromSeconds(10) };
        Transfers.Transferred += (_, replacement) => Attach(replacement);
        engine.IncomingCall += leg =>
        {
            if (Transfers.TryAcceptReplacement(leg))
            {
                return;
            }

            Attach(leg);
            Transfers.AcceptTransfers(leg);
            leg.Answer();
            _offered.TrySetResult(leg);
        };
    }

    public CallEngine Engine { get; }

    public string User { get; }

    public double Tone { get; }

    public TransferService Transfers { get; }

    public ToneProbe Hears { get; } = new(8000, 600, 700, 800, 1000);

    public string Uri => Engines.UriOf(Engine, User);

    public Task<CallLeg> Offered => _offered.Task;

    public static async Task<TransferablePhone> StartAsync(Engines engines, string user, double tone) => new(await engines.StartAsync(), user, tone);

    /// <summary>Calls <paramref name="target"/> from this phone, with its audio on the new leg.</summary>
    public CallLeg Call(string target)
    {
        var leg = Engine.Dial(target, $"<sip:{User}@127.0.0.1>");
        Attach(leg);
        Transfers.AcceptTransfers(leg);
        return leg;
    }

    private void Attach(CallLeg leg)
    {
        leg.Listen(Hears);
        leg.Hear(Tones.Steady(Tone));
    }

    /// <summary>The URI <paramref name="user"/> at <paramref name="engine"/> with a Replaces header naming <paramref name="leg"/>'s dialog.</summary>
    public static string WithReplaces(CallEngine engine, string user, CallLeg leg)
    {
        var plain = SipUri.Parse(Engines.UriOf(engine, user));
        var replaces = TransferService.ReplacesFor(leg).ToString();
        return new SipUri(plain.UriScheme, plain.User, plain.Host, plain.Port, null, new Sip.Headers.SipParameters([new("Replaces", replaces)])).ToString();
    }
}
