using System.Globalization;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Registration;

/// <summary>
/// Keeps one address-of-record registered (RFC 3261 §10.2): sends REGISTER, answers 401/407 digest
/// challenges, follows 423 Min-Expires, refreshes before the granted expiry with the same Call-ID and a
/// rising CSeq (§10.2.4), retries after failures, and unregisters on <see cref="StopAsync"/>.
/// Responses arrive through the <see cref="SipUserAgent"/> the stack reports to.
/// </summary>
public sealed class RegistrationClient : IClientTransactionHandler, IAsyncDisposable
{
    private readonly SipStack _stack;
    private readonly RegistrationClientOptions _options;
    private readonly TimeProvider _time;
    private readonly SipIdentifiers _ids;
    private readonly DigestClient _digest;
    private readonly object _gate = new();
    private readonly string _callId;
    private readonly string _fromTag;
    private uint _cseq;
    private TimeSpan _asked;
    private ITimer? _timer;
    private bool _stopping;
    private string? _lastChallengeNonce;
    private (string Header, List<DigestChallenge> Challenges)? _lastChallenge;
    private TaskCompletionSource<bool>? _unregistered;

    /// <summary>Creates a client on <paramref name="stack"/>, whose transaction user must be a <see cref="SipUserAgent"/>.</summary>
    public RegistrationClient(SipStack stack, RegistrationClientOptions options, TimeProvider? time = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(options);
        _stack = stack;
        _options = options;
        _time = time ?? TimeProvider.System;
        _ids = new SipIdentifiers(random ?? new Random());
        _digest = new DigestClient(options.Username, options.Password);
        _callId = _ids.NewCallId();
        _fromTag = _ids.NewTag();
        _asked = options.Expires;
    }

    /// <summary>True while the registrar holds our binding.</summary>
    public bool IsRegistered { get; private set; }

    /// <summary>The expiry the registrar granted last.</summary>
    public TimeSpan GrantedExpires { get; private set; }

    /// <summary>How many successful REGISTERs (initial and refreshes).</summary>
    public int SuccessfulRegistrations { get; private set; }

    /// <summary>Raised after each successful registration with the granted expiry.</summary>
    public event Action<RegistrationClient, TimeSpan>? Registered;

    /// <summary>Raised when a REGISTER fails finally (wrong password, forbidden, timeout) with the status code.</summary>
    public event Action<RegistrationClient, int, string>? Failed;

    /// <summary>Sends the first REGISTER; the client then keeps the registration fresh.</summary>
    public void Start() => Send(null);

    /// <summary>Unregisters (Expires: 0) and stops refreshing; completes when the registrar answered or after 5 s.</summary>
    public async Task StopAsync()
    {
        TaskCompletionSource<bool> done;
        lock (_gate)
        {
            _stopping = true;
            _timer?.Dispose();
            _timer = null;
            done = _unregistered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Send(_lastChallenge);
        await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(5), _time)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void OnResponse(ClientTransaction transaction, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsProvisional)
        {
            return;
        }

        if (response.StatusCode is 401 or 407)
        {
            var header = response.StatusCode == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
            var challenges = response.Headers.GetAll(header)
                .Select(h => DigestChallenge.TryParse(h.Value, out var c, out _) ? c : null).OfType<DigestChallenge>().ToList();
            // A second challenge for the same nonce means our credentials were refused (unless it says stale).
            if (challenges.Count == 0 || (challenges[0].Nonce == _lastChallengeNonce && !challenges[0].Stale))
            {
                Fail(response.StatusCode, "Authentication refused");
                return;
            }

            _lastChallengeNonce = challenges[0].Nonce;
            _lastChallenge = (header == "WWW-Authenticate" ? "Authorization" : "Proxy-Authorization", challenges);
            Send(_lastChallenge);
            return;
        }

        if (response.StatusCode == 423 && response.Headers["Min-Expires"] is { } min &&
            uint.TryParse(min, CultureInfo.InvariantCulture, out var minSeconds) && minSeconds > _asked.TotalSeconds)
        {
            _asked = TimeSpan.FromSeconds(minSeconds); // §10.2.8: retry with at least Min-Expires
            Send(null);
            return;
        }

        if (!response.IsSuccess)
        {
            Fail(response.StatusCode, response.ReasonPhrase);
            return;
        }

        _lastChallengeNonce = null;
        lock (_gate)
        {
            if (_stopping)
            {
                IsRegistered = false;
                _unregistered?.TrySetResult(true);
                return;
            }
        }

        GrantedExpires = GrantedFrom(response);
        IsRegistered = GrantedExpires > TimeSpan.Zero;
        SuccessfulRegistrations++;
        Schedule(GrantedExpires * Math.Clamp(_options.RefreshAt, 0.5, 0.95));
        Registered?.Invoke(this, GrantedExpires);
    }

    /// <inheritdoc />
    public void OnFailure(ClientTransaction transaction, string reason) => Fail(408, reason);

    private void Fail(int statusCode, string reason)
    {
        IsRegistered = false;
        _lastChallengeNonce = null;
        lock (_gate)
        {
            if (_stopping)
            {
                _unregistered?.TrySetResult(false);
                return;
            }
        }

        Schedule(_options.RetryAfterFailure);
        Failed?.Invoke(this, statusCode, reason);
    }

    private void Schedule(TimeSpan delay)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _timer?.Dispose();
            // Refreshes answer the last challenge pre-emptively with the next nonce count (RFC 7616 §3.4);
            // a stale nonce brings a new challenge.
            _timer = _time.CreateTimer(_ => Send(_lastChallenge), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Send((string Header, List<DigestChallenge> Challenges)? authorization)
    {
        bool stopping;
        uint cseq;
        lock (_gate)
        {
            stopping = _stopping;
            cseq = ++_cseq;
        }

        var protocol = _options.Registrar.Protocol;
        var aor = NameAddress.Parse($"<{_options.AddressOfRecord}>");
        var via = _stack.CreateVia(_options.Registrar, _ids.NewBranch());
        var contact = NameAddress.Parse(_stack.CreateContact(_options.Registrar, _options.ContactUser));
        var builder = SipMessageBuilder.CreateRequest(SipMethod.Register, AddressUri.Parse(_options.RegistrarUri), aor.WithTag(_fromTag), aor, via, cseq, _ids, contact, _callId);
        builder.AddHeader("Expires", stopping ? "0" : ((int)_asked.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (authorization is { } auth)
        {
            builder.AddHeader(auth.Header, _digest.Answer(auth.Challenges, "REGISTER", _options.RegistrarUri).ToString());
        }

        _stack.SendRequest((SipRequest)builder.Build(), _options.Registrar, userState: this);
    }

    private TimeSpan GrantedFrom(SipResponse response)
    {
        // §10.2.4: our contact's expires parameter, else the Expires header, else what we asked.
        foreach (var contact in response.Contacts)
        {
            if (contact.Uri is SipUri uri && uri.User == _options.ContactUser && contact.Parameters["expires"] is { } e &&
                uint.TryParse(e, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return response.Expires is { } header ? TimeSpan.FromSeconds(header) : _asked;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping = true;
            _timer?.Dispose();
            _timer = null;
        }

        return ValueTask.CompletedTask;
    }
}
