using System.Security.Cryptography;
using System.Text;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallCenterSdk.Hosting.Sip;

/// <summary>
/// The SIP side of the center as a hosted service: UDP and/or TCP transports on the configured endpoint, a
/// <see cref="SipUserAgent"/> (call control attaches to <see cref="UserAgent"/>) and a registrar with digest
/// authentication for the agents' phones. Each tenant is a SIP domain and digest realm; an agent's phone
/// registers <c>sip:EXTENSION@DOMAIN</c> with the agent's password.
/// </summary>
public sealed partial class SipServer : IHostedService, IAsyncDisposable
{
    private readonly CallCenterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<SipServer> _logger;
    private readonly Dictionary<string, TenantOptions> _byDomain;
    private SipStack? _stack;
    private volatile bool _listening;

    /// <summary>Created by the container.</summary>
    public SipServer(IOptions<CallCenterOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SipServer>();
        _byDomain = _options.Tenants.ToDictionary(t => t.EffectiveSipDomain, StringComparer.OrdinalIgnoreCase);
        Locations = new LocationService(time);
        UserAgent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "callcenter" }, time);
        var key = string.IsNullOrEmpty(_options.Sip.NonceKey) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(_options.Sip.NonceKey);
        var nonces = new DigestNonceService(key, TimeSpan.FromMinutes(5), time);
        var algorithms = _options.Sip.EffectiveDigestAlgorithms.Select(n => DigestAlgorithm.TryParse(n, out var a) ? a : DigestAlgorithm.Sha256).ToList();
        var authenticator = new DigestAuthenticator(nonces, LookupSecret, algorithms);
        Registrar = new Registrar(
            new RegistrarOptions
            {
                ResolveDomain = ResolveDomain,
                MinExpires = TimeSpan.FromSeconds(_options.Sip.MinExpiresSeconds),
                MaxExpires = TimeSpan.FromSeconds(_options.Sip.MaxExpiresSeconds),
            },
            Locations,
            authenticator);
        Registrar.Registered += OnRegistered;
        UserAgent.RequestHandlers.Add(Registrar);
    }

    /// <summary>Raised after a phone registered, refreshed or unregistered: tenant, agent id (null for an unknown extension), extension, current contacts.</summary>
    public event Action<PhoneRegistration>? RegistrationChanged;

    /// <summary>The user agent every call goes through (call control subscribes to <see cref="SipUserAgent.IncomingCall"/>).</summary>
    public SipUserAgent UserAgent { get; }

    /// <summary>The registrar for agent phones.</summary>
    public Registrar Registrar { get; }

    /// <summary>Where each registered phone can be reached.</summary>
    public LocationService Locations { get; }

    /// <summary>The running stack; throws before start.</summary>
    public SipStack Stack => _stack ?? throw new InvalidOperationException("The SIP server has not started.");

    /// <summary>True once every transport listens.</summary>
    public bool IsListening => _listening;

    /// <summary>The bound transports (protocol and local endpoint), empty before start.</summary>
    public IReadOnlyList<(SipTransportProtocol Protocol, System.Net.IPEndPoint EndPoint)> EndPoints =>
        _stack?.Transports.Select(t => (t.Protocol, t.LocalEndPoint)).ToList() ?? [];

    /// <summary>The addresses of record of a tenant with at least one live binding.</summary>
    public IReadOnlyList<string> RegisteredAddresses(string tenantId) => Locations.RegisteredAddresses(tenantId);

    /// <summary>The live bindings of an agent's phone.</summary>
    public IReadOnlyList<Binding> PhoneOf(TenantOptions tenant, AgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(agent);
        var bindings = Locations.Lookup(tenant.Id, $"sip:{agent.Extension}@{tenant.EffectiveSipDomain.ToLowerInvariant()}");
        if (bindings.Count > 0 || !string.Equals(_options.Sip.AddressTenant, tenant.Id, StringComparison.Ordinal))
        {
            return bindings;
        }

        // Registered at our own address instead of the domain (see SipOptions.AddressTenant).
        return EndPoints.Select(e => e.EndPoint.Address.ToString()).Distinct()
            .SelectMany(host => Locations.Lookup(tenant.Id, $"sip:{agent.Extension}@{host}"))
            .ToList();
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Options.CallCenterOptionsValidator.TryParseEndPoint(_options.Sip.Listen, out var endPoint))
        {
            throw new InvalidOperationException($"Sip:Listen '{_options.Sip.Listen}' is not an address with a port.");
        }

        var stackOptions = new SipStackOptions();
        if (_options.Sip.Udp)
        {
            stackOptions.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, endPoint));
        }

        if (_options.Sip.Tcp)
        {
            // With port 0, TCP takes the port UDP got, so phones find both on one port.
            stackOptions.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Tcp, endPoint));
        }

        if (endPoint.Port == 0 && _options.Sip.Udp && _options.Sip.Tcp)
        {
            _stack = await StartOnCommonFreePortAsync(endPoint, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var stack = new SipStack(stackOptions, UserAgent, _time, _loggerFactory);
            UserAgent.Attach(stack);
            await stack.StartAsync(cancellationToken).ConfigureAwait(false);
            _stack = stack;
        }

        _listening = true;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listening = false;
        if (Interlocked.Exchange(ref _stack, null) is { } stack)
        {
            await stack.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<SipStack> StartOnCommonFreePortAsync(System.Net.IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        // Find a port free on both UDP and TCP, then bind the stack to it; another process may take it in between,
        // so try again a few times.
        for (int attempt = 0; ; attempt++)
        {
            endPoint = new System.Net.IPEndPoint(endPoint.Address, CommonFreePort(endPoint.Address));
            var options = new SipStackOptions();
            options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, endPoint));
            options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Tcp, endPoint));
            var stack = new SipStack(options, UserAgent, _time, _loggerFactory);
            try
            {
                UserAgent.Attach(stack);
                await stack.StartAsync(cancellationToken).ConfigureAwait(false);
                return stack;
            }
            catch (System.Net.Sockets.SocketException e) when (attempt < 5)
            {
                Log.PortTaken(_logger, endPoint.Port, e.Message);
                try
                {
                    await stack.DisposeAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException disposed)
                {
                    // A transport that never started may throw while closing; the next attempt uses a new stack.
                    Log.PortTaken(_logger, endPoint.Port, disposed.Message);
                }
            }
        }
    }

    private static int CommonFreePort(System.Net.IPAddress address)
    {
        for (int attempt = 0; ; attempt++)
        {
            using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(address, 0));
            var port = ((System.Net.IPEndPoint)udp.Client.LocalEndPoint!).Port;
            var tcp = new System.Net.Sockets.TcpListener(address, port);
            try
            {
                tcp.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 20)
            {
                // That port is taken on TCP: draw another.
            }
            finally
            {
                tcp.Dispose();
            }
        }
    }

    private RegistrarDomain? ResolveDomain(string host)
    {
        if (_byDomain.TryGetValue(host, out var tenant))
        {
            return new RegistrarDomain(tenant.Id, tenant.EffectiveSipDomain);
        }

        // A phone that registers at our own address belongs to the configured address tenant, in its realm.
        return _options.Sip.AddressTenant is { } id && _options.FindTenant(id) is { } t && IsOwnAddress(host)
            ? new RegistrarDomain(t.Id, t.EffectiveSipDomain)
            : null;
    }

    private bool IsOwnAddress(string host) =>
        System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address)
        && (EndPoints.Any(e => e.EndPoint.Address.Equals(address)) || EndPoints.Any(e => e.EndPoint.Address.Equals(System.Net.IPAddress.Any)));

    private string? LookupSecret(string realm, string username, DigestAlgorithm algorithm)
    {
        if (!_byDomain.TryGetValue(realm, out var tenant))
        {
            return null;
        }

        var agent = tenant.Agents.FirstOrDefault(a => string.Equals(a.Extension, username, StringComparison.Ordinal));
        return agent is null ? null : DigestAuthenticator.Secret(algorithm, username, realm, agent.Password);
    }

    private void OnRegistered(string tenantId, string addressOfRecord, IReadOnlyList<Binding> bindings)
    {
        var tenant = _options.FindTenant(tenantId);
        var extension = ExtensionOf(addressOfRecord);
        var agent = tenant?.Agents.FirstOrDefault(a => string.Equals(a.Extension, extension, StringComparison.Ordinal));
        Log.Registered(_logger, tenantId, addressOfRecord, bindings.Count);
        RegistrationChanged?.Invoke(new PhoneRegistration(tenantId, agent?.Id, extension, bindings.Select(b => b.Contact).ToList()));
    }

    private static string ExtensionOf(string addressOfRecord)
    {
        var start = addressOfRecord.IndexOf(':', StringComparison.Ordinal) + 1;
        var at = addressOfRecord.IndexOf('@', StringComparison.Ordinal);
        return at > start ? addressOfRecord[start..at] : addressOfRecord[start..];
    }

    private static partial class Log
    {
        [LoggerMessage(3, LogLevel.Debug, "SIP port {Port} was taken while binding ({Message}); trying another")]
        public static partial void PortTaken(ILogger logger, int port, string message);

        [LoggerMessage(2, LogLevel.Information, "Tenant {Tenant}: {AddressOfRecord} has {Count} registered contact(s)")]
        public static partial void Registered(ILogger logger, string tenant, string addressOfRecord, int count);
    }
}
