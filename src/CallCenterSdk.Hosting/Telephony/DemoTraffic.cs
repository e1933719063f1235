using System.Globalization;
using System.Net;
using CallCenterSdk.Acd;
using CallCenterSdk.Calls;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Sip;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>Simulated traffic for the demo mode (the <c>CallCenter:Demo</c> section).</summary>
public sealed class DemoOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CallCenter:Demo";

    /// <summary>Run the simulation. Default false (<c>--demo</c> turns it on).</summary>
    public bool Enabled { get; set; }

    /// <summary>New simulated calls per minute over all tenants. Default 12.</summary>
    public double CallsPerMinute { get; set; } = 12;

    /// <summary>Shortest conversation, seconds. Default 6.</summary>
    public int MinTalkSeconds { get; set; } = 6;

    /// <summary>Longest conversation, seconds. Default 20.</summary>
    public int MaxTalkSeconds { get; set; } = 20;

    /// <summary>Share of callers (0..1) who give up while waiting. Default 0.15.</summary>
    public double AbandonShare { get; set; } = 0.15;

    /// <summary>Digits a caller presses in the main menu, one picked per call (the reference flows route 1 and 2 to queues).</summary>
    public string MenuDigits { get; set; } = "12";

    /// <summary>Seed of the simulation's random choices; 0 for a time-based seed.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// While the demo runs, every tenant's business hours are open around the clock, holidays included, so simulated
    /// callers reach the menus and queues whatever the hour where the demo is started (the configured hours would send
    /// them all to voicemail at night and at weekends). The configured hours apply again without the demo. Default true.
    /// </summary>
    public bool OpenAroundTheClock { get; set; } = true;
}

/// <summary>
/// The demo mode: simulated agents (real SIP phones of the SDK that register with digest auth, log in, answer,
/// talk with a tone and hang up) and simulated callers (real SIP calls to the tenants' numbers that pick a menu
/// option with RFC 4733 digits, wait in the queue, sometimes give up, and answer the survey), so a newcomer sees a
/// live center within seconds of starting it.
/// </summary>
public sealed partial class DemoTraffic : BackgroundService
{
    private readonly DemoOptions _options;
    private readonly CallCenterOptions _center;
    private readonly SipServer _sip;
    private readonly CallCenterAcd _acd;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly List<RegistrationClient> _registrations = [];
    private readonly Dictionary<string, (TenantOptions Tenant, AgentOptions Agent, int Index)> _agentsByExtension = new(StringComparer.Ordinal);

    /// <summary>Created by the container.</summary>
    public DemoTraffic(IOptions<DemoOptions> options, IOptions<CallCenterOptions> center, SipServer sip, CallCenterAcd acd, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _center = center.Value;
        _sip = sip;
        _acd = acd;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DemoTraffic>();
        _random = _options.Seed == 0 ? new Random() : new Random(_options.Seed);
    }

    /// <summary>Simulated calls placed so far.</summary>
    public int CallsPlaced { get; private set; }

    /// <summary>Simulated agents whose phones registered.</summary>
    public int AgentsRegistered { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!_sip.IsListening)
        {
            await Task.Delay(100, stoppingToken).ConfigureAwait(false);
        }

        var center = _sip.EndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).EndPoint;
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        await using var phones = await CallEngine.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, loopback)], loggerFactory: _loggerFactory, cancellationToken: stoppingToken).ConfigureAwait(false);
        await using var callers = await CallEngine.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, loopback)], loggerFactory: _loggerFactory, cancellationToken: stoppingToken).ConfigureAwait(false);
        phones.IncomingCall += leg => _ = AnswerAsAgentAsync(leg, stoppingToken);
        RegisterAgents(phones, center);
        Log.Started(_logger, _agentsByExtension.Count, _options.CallsPerMinute);

        var numbers = _center.Tenants.SelectMany(t => t.Numbers.Select(n => n.Number)).ToList();
        var calls = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested && numbers.Count > 0)
            {
                var mean = 60.0 / Math.Max(0.1, _options.CallsPerMinute);
                var wait = -Math.Log(1 - _random.NextDouble()) * mean;
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(wait, mean * 4)), stoppingToken).ConfigureAwait(false);
                var number = numbers[_random.Next(numbers.Count)];
                calls.Add(CallAsCustomerAsync(callers, center, number, stoppingToken));
                calls.RemoveAll(t => t.IsCompleted);
                CallsPlaced++;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }

        foreach (var registration in _registrations)
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void RegisterAgents(CallEngine phones, IPEndPoint center)
    {
        var index = 0;
        foreach (var tenant in _center.Tenants)
        {
            foreach (var agent in tenant.Agents)
            {
                var domain = tenant.EffectiveSipDomain;
                var registration = new RegistrationClient(phones.Stack, new RegistrationClientOptions
                {
                    RegistrarUri = $"sip:{domain}",
                    Registrar = new SipEndpoint(SipTransportProtocol.Udp, center),
                    AddressOfRecord = $"sip:{agent.Extension}@{domain}",
                    Username = agent.Extension,
                    Password = agent.Password,
                    ContactUser = agent.Extension,
                    Expires = TimeSpan.FromMinutes(10),
                });
                var tenantAcd = _acd.Find(tenant.Id);
                var id = new AgentId(new TenantId(tenant.Id), agent.Id);
                registration.Registered += (_, _) =>
                {
                    AgentsRegistered++;
                    try
                    {
                        tenantAcd?.Execute(e =>
                        {
                            if (e.GetAgentStatus(id).State == AgentState.LoggedOut)
                            {
                                e.Login(id);
                                e.SetReady(id);
                            }
                        });
                    }
                    catch (AcdException e)
                    {
                        Log.AgentFailed(_logger, agent.Id, e.Message);
                    }
                };
                registration.Failed += (_, status, reason) => Log.AgentFailed(_logger, agent.Id, $"{status} {reason}");
                _agentsByExtension[agent.Extension + "@" + tenant.Id] = (tenant, agent, index++);
                _registrations.Add(registration);
                registration.Start();
            }
        }
    }

    private async Task AnswerAsAgentAsync(CallLeg leg, CancellationToken stoppingToken)
    {
        try
        {
            leg.Ring();
            await Task.Delay(TimeSpan.FromMilliseconds(800 + _random.Next(1500)), stoppingToken).ConfigureAwait(false);
            if (leg.State == CallLegState.Ended)
            {
                return;
            }

            leg.Answer();
            await leg.WaitForAnswerAsync(stoppingToken).ConfigureAwait(false);

            // Each simulated agent speaks at its own pitch, so the recordings tell them apart.
            var pitch = 300 + (20 * (Math.Abs(leg.LocalNumber?.GetHashCode(StringComparison.Ordinal) ?? 0) % 20));
            using var voice = leg.Hear(new ToneGenerator(new ToneDefinition("agent voice", [pitch], -15, [ToneSegment.Tone(900), ToneSegment.Silence(300)]), AudioFormat.Narrowband));
            var talk = TimeSpan.FromSeconds(_options.MinTalkSeconds + _random.Next(Math.Max(1, _options.MaxTalkSeconds - _options.MinTalkSeconds)));
            await Task.WhenAny(leg.Completion, Task.Delay(talk, stoppingToken)).ConfigureAwait(false);
            if (leg.State != CallLegState.Ended)
            {
                await leg.HangupAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or CallFailedException)
        {
            // The call ended first.
        }
    }

    private async Task CallAsCustomerAsync(CallEngine callers, IPEndPoint center, string number, CancellationToken stoppingToken)
    {
        var caller = "+4915" + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var leg = callers.Dial($"sip:{number}@{center}", $"<sip:{caller}@demo.invalid>");
        try
        {
            await leg.WaitForAnswerAsync(stoppingToken).ConfigureAwait(false);
            using var voice = leg.Hear(new ToneGenerator(new ToneDefinition("caller voice", [700], -15, [ToneSegment.Tone(700), ToneSegment.Silence(500)]), AudioFormat.Narrowband));
            var menu = _options.MenuDigits.Length == 0 ? null : _options.MenuDigits[_random.Next(_options.MenuDigits.Length)].ToString();
            await Task.Delay(TimeSpan.FromSeconds(2 + _random.Next(3)), stoppingToken).ConfigureAwait(false);
            if (menu is not null)
            {
                await leg.SendDtmfAsync(menu, cancellationToken: stoppingToken).ConfigureAwait(false);
            }

            // Some callers give up while waiting; the others stay until the center hangs up, pressing a survey
            // score now and then once a conversation could be over (the survey takes the first key it hears).
            var abandons = _random.NextDouble() < _options.AbandonShare;
            var patience = abandons ? TimeSpan.FromSeconds(5 + _random.Next(15)) : TimeSpan.FromMinutes(10);
            var surveyFrom = DateTime.UtcNow.AddSeconds(_options.MaxTalkSeconds + 10);
            var giveUp = DateTime.UtcNow + patience;
            while (leg.State != CallLegState.Ended && DateTime.UtcNow < giveUp)
            {
                await Task.WhenAny(leg.Completion, Task.Delay(TimeSpan.FromSeconds(4), stoppingToken)).ConfigureAwait(false);
                if (!abandons && leg.State == CallLegState.Connected && DateTime.UtcNow > surveyFrom)
                {
                    await leg.SendDtmfAsync(((char)('1' + _random.Next(3))).ToString(), cancellationToken: stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or CallFailedException or InvalidOperationException)
        {
            // The call failed or the host is stopping.
        }
        finally
        {
            if (leg.State != CallLegState.Ended)
            {
                await leg.HangupAsync().ConfigureAwait(false);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Demo traffic: {Agents} simulated agents, {Rate} calls per minute")]
        public static partial void Started(ILogger logger, int agents, double rate);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Demo agent {Agent}: {Reason}")]
        public static partial void AgentFailed(ILogger logger, string agent, string reason);
    }
}
