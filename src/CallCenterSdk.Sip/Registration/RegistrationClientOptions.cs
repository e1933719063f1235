using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Registration;

/// <summary>What a <see cref="RegistrationClient"/> registers, where, and how.</summary>
public sealed class RegistrationClientOptions
{
    /// <summary>The registrar's domain URI (the Request-URI), e.g. <c>sip:tenant-a.example</c>.</summary>
    public required string RegistrarUri { get; init; }

    /// <summary>Where REGISTER is sent (the next hop).</summary>
    public required SipEndpoint Registrar { get; init; }

    /// <summary>The address-of-record, e.g. <c>sip:alice@tenant-a.example</c>.</summary>
    public required string AddressOfRecord { get; init; }

    /// <summary>The user name for digest authentication.</summary>
    public required string Username { get; init; }

    /// <summary>The password for digest authentication.</summary>
    public required string Password { get; init; }

    /// <summary>The contact user part.</summary>
    public string ContactUser { get; init; } = "phone";

    /// <summary>The expiry to ask for.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Refresh when this share of the granted time has passed (0.5 to 0.95).</summary>
    public double RefreshAt { get; init; } = 0.8;

    /// <summary>How long to wait before trying again after a failure.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(30);
}
