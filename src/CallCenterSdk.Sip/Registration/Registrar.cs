using System.Globalization;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Registration;

/// <summary>
/// A registrar (RFC 3261 §10.3) with digest authentication (RFC 7616/8760) and per-tenant domains and
/// realms: it challenges with 401, refuses other users' addresses with 403, short expiries with 423 and
/// Min-Expires, malformed wildcards with 400, and answers 200 with the current contacts.
/// </summary>
public sealed class Registrar : ISipRequestHandler
{
    private readonly RegistrarOptions _options;
    private readonly DigestAuthenticator _authenticator;
    private readonly SipIdentifiers _ids = new(new Random());

    /// <summary>Creates a registrar over <paramref name="locations"/>, authenticating with <paramref name="authenticator"/>.</summary>
    public Registrar(RegistrarOptions options, LocationService locations, DigestAuthenticator authenticator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(authenticator);
        _options = options;
        Locations = locations;
        _authenticator = authenticator;
    }

    /// <summary>The location service the registrar writes.</summary>
    public LocationService Locations { get; }

    /// <summary>Raised after a successful registration change: tenant, address-of-record, current bindings.</summary>
    public event Action<string, string, IReadOnlyList<Binding>>? Registered;

    /// <inheritdoc />
    public bool TryHandle(SipStack stack, ServerTransaction transaction, SipRequest request, SipEndpoint source)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != SipMethod.Register)
        {
            return false;
        }

        stack.SendResponse(transaction, Process(request, source));
        return true;
    }

    /// <summary>Decides the response to one REGISTER (pure apart from the clock); public for tests and other hosts.</summary>
    public SipResponse Process(SipRequest request, SipEndpoint source)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Step 1: are we responsible for the domain of the Request-URI?
        if (request.RequestUri is not SipUri target)
        {
            return Reply(request, 416, "Unsupported URI Scheme");
        }

        if (_options.ResolveDomain(target.Host) is not { } domain)
        {
            return Reply(request, 404, "Domain Not Served Here");
        }

        // Step 2: a Require we do not support (RFC 3261 §8.2.2.3).
        if (request.Require.Count > 0)
        {
            return Reply(request, 420, "Bad Extension", b => b.AddHeader("Unsupported", string.Join(", ", request.Require)));
        }

        // Step 3: authenticate.
        var credentials = request.Headers.GetAll("Authorization")
            .Select(h => DigestCredentials.TryParse(h.Value, out var c, out _) ? c : null)
            .FirstOrDefault(c => c is not null && c.Realm == domain.Realm);
        if (credentials is null)
        {
            return Challenge(request, domain.Realm, stale: false);
        }

        var verification = _authenticator.Verify(credentials, "REGISTER", domain.Realm);
        switch (verification)
        {
            case DigestVerification.Authenticated:
                break;
            case DigestVerification.StaleNonce or DigestVerification.InvalidNonce or DigestVerification.Replayed:
                return Challenge(request, domain.Realm, stale: verification == DigestVerification.StaleNonce);
            default:
                return Reply(request, 403, "Authentication Failed");
        }

        // Step 4: the authenticated user may only change its own address-of-record.
        if (request.To.Uri is not SipUri toUri || !string.Equals(toUri.User, credentials.Username, StringComparison.Ordinal))
        {
            return Reply(request, 403, "Not Your Address");
        }

        var aor = LocationService.AddressOfRecord(toUri);
        var changes = new List<BindingChange>();
        var headerExpires = request.Expires;
        if (request.IsContactWildcard)
        {
            // Step 6: "*" only with Expires: 0 and no other Contact.
            if (headerExpires != 0 || request.Headers.GetAll("Contact").Count() != 1)
            {
                return Reply(request, 400, "Invalid Wildcard Contact");
            }

            changes.Add(new BindingChange(null, TimeSpan.Zero, 1, request.CallId, request.CSeq.Number, source));
        }
        else
        {
            foreach (var contact in request.Contacts)
            {
                var seconds = contact.Parameters["expires"] is { } e && uint.TryParse(e, CultureInfo.InvariantCulture, out var pe)
                    ? pe
                    : headerExpires ?? (uint)_options.DefaultExpires.TotalSeconds;
                var expires = TimeSpan.FromSeconds(seconds);
                if (expires > TimeSpan.Zero && expires < _options.MinExpires)
                {
                    return Reply(request, 423, "Interval Too Brief",
                        b => b.AddHeader("Min-Expires", ((int)_options.MinExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
                }

                if (expires > _options.MaxExpires)
                {
                    expires = _options.MaxExpires;
                }

                var q = contact.Parameters["q"] is { } qText && double.TryParse(qText, NumberStyles.Float, CultureInfo.InvariantCulture, out var qv) ? Math.Clamp(qv, 0, 1) : 1.0;
                changes.Add(new BindingChange(contact.Uri.ToString(), expires, q, request.CallId, request.CSeq.Number, source));
            }
        }

        // Step 7: apply atomically with the Call-ID/CSeq ordering rule.
        if (!Locations.TryApply(domain.TenantId, aor, changes, _options.MaxContactsPerAddress, out var current))
        {
            return Reply(request, 500, "Out Of Order Registration");
        }

        if (changes.Count > 0)
        {
            Registered?.Invoke(domain.TenantId, aor, current);
        }

        // Step 8: 200 with every current binding and its remaining time.
        return Reply(request, 200, null, b =>
        {
            foreach (var binding in current)
            {
                var remaining = Math.Max(0, (int)Math.Ceiling((binding.ExpiresAt - Locations.Time.GetUtcNow()).TotalSeconds));
                b.AddHeader("Contact", string.Create(CultureInfo.InvariantCulture, $"<{binding.Contact}>;expires={Math.Min(remaining, (int)_options.MaxExpires.TotalSeconds)}"));
            }
        });
    }

    private SipResponse Challenge(SipRequest request, string realm, bool stale) =>
        Reply(request, 401, "Unauthorized", b =>
        {
            foreach (var challenge in _authenticator.CreateChallenges(realm, stale))
            {
                b.AddHeader("WWW-Authenticate", challenge.ToString());
            }
        });

    private SipResponse Reply(SipRequest request, int code, string? reason, Action<SipMessageBuilder>? extra = null)
    {
        var builder = SipMessageBuilder.CreateResponse(request, code, reason, request.ToTag is null ? _ids.NewTag() : null);
        extra?.Invoke(builder);
        return (SipResponse)builder.Build();
    }
}
