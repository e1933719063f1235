using System.Net;
using CallCenterSdk.Calls;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Hosting.Tests.Load;

/// <summary>
/// Agents' desk phones for the load test: our own SIP user agents on one UDP engine, each registering its extension
/// with digest auth at the tenant's domain, ringing briefly when called, answering, speaking a tone and hanging up
/// after a fixed talk time (the agent ends the conversation; the caller stays for the survey).
/// </summary>
internal sealed class SimulatedAgentPhones : IAsyncDisposable
{
    private readonly CallEngine _engine;
    private readonly List<RegistrationClient> _registrations = [];
    private readonly TimeSpan _ring;
    private readonly TimeSpan _talk;
    private readonly List<Task> _calls = [];
    private readonly List<string> _registrationFailures = [];
    private int _registered;
    private int _answered;
    private int _hungUp;
    private int _failed;

    private SimulatedAgentPhones(CallEngine engine, TimeSpan ring, TimeSpan talk)
    {
        _engine = engine;
        _ring = ring;
        _talk = talk;
        engine.IncomingCall += leg =>
        {
            lock (_calls)
            {
                _calls.Add(AnswerAsync(leg));
            }
        };
    }

    /// <summary>Phones whose registration succeeded.</summary>
    public int Registered => Volatile.Read(ref _registered);

    /// <summary>Registration attempts that failed (extension, status, reason), for failure messages.</summary>
    public string RegistrationFailures
    {
        get { lock (_registrationFailures) { return string.Join("; ", _registrationFailures); } }
    }

    /// <summary>Calls answered.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Calls the agent ended after the talk time.</summary>
    public int HungUp => Volatile.Read(ref _hungUp);

    /// <summary>Calls that failed or ended before the agent hung up.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Starts the phones and registers each extension at <paramref name="center"/> in <paramref name="domain"/>.</summary>
    public static async Task<SimulatedAgentPhones> StartAsync(IPEndPoint center, string domain, IEnumerable<(string Extension, string Password)> agents, TimeSpan ring, TimeSpan talk)
    {
        var engine = await CallEngine.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))]);
        var phones = new SimulatedAgentPhones(engine, ring, talk);
        foreach (var (extension, password) in agents)
        {
            var registration = new RegistrationClient(engine.Stack, new RegistrationClientOptions
            {
                RegistrarUri = $"sip:{domain}",
                Registrar = new SipEndpoint(SipTransportProtocol.Udp, center),
                AddressOfRecord = $"sip:{extension}@{domain}",
                Username = extension,
                Password = password,
                ContactUser = extension,
                Expires = TimeSpan.FromMinutes(10),
                RetryAfterFailure = TimeSpan.FromSeconds(2),
            });
            var registered = 0;
            registration.Registered += (_, _) =>
            {
                if (Interlocked.Exchange(ref registered, 1) == 0)
                {
                    Interlocked.Increment(ref phones._registered);
                }
            };
            registration.Failed += (_, status, reason) => { lock (phones._registrationFailures) { phones._registrationFailures.Add($"{extension}: {status} {reason}"); } };
            phones._registrations.Add(registration);
            registration.Start();
        }

        return phones;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task[] calls;
        lock (_calls)
        {
            calls = [.. _calls];
        }

        await Task.WhenAny(Task.WhenAll(calls), Task.Delay(TimeSpan.FromSeconds(5)));
        foreach (var registration in _registrations)
        {
            await registration.DisposeAsync();
        }

        await _engine.DisposeAsync();
    }

    private async Task AnswerAsync(CallLeg leg)
    {
        try
        {
            leg.Ring();
            await Task.Delay(_ring);
            leg.Answer();
            await leg.WaitForAnswerAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Interlocked.Increment(ref _answered);

            // Each extension speaks at its own pitch (500-690 Hz), as DemoTraffic's agents do.
            var pitch = 500 + (10 * (Math.Abs(leg.LocalNumber?.GetHashCode(StringComparison.Ordinal) ?? 0) % 20));
            using var voice = leg.Hear(new ToneGenerator(new ToneDefinition("agent", [pitch], -15, [ToneSegment.Tone(1000)], Repeat: true), AudioFormat.Narrowband));
            var finished = await Task.WhenAny(leg.Completion, Task.Delay(_talk));
            if (finished == leg.Completion)
            {
                Interlocked.Increment(ref _failed); // the center or the caller ended it first
                return;
            }

            await leg.HangupAsync();
            Interlocked.Increment(ref _hungUp);
        }
        catch (Exception e) when (e is CallFailedException or TimeoutException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
