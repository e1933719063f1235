namespace CallCenterSdk.Sip.Registration;

/// <summary>Options of a <see cref="Registrar"/>.</summary>
public sealed class RegistrarOptions
{
    /// <summary>The expiry granted when the request names none.</summary>
    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Shorter non-zero expiries are refused with 423 and Min-Expires (RFC 3261 §10.3 step 7).</summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longer expiries are shortened to this.</summary>
    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Most contacts one address-of-record may hold.</summary>
    public int MaxContactsPerAddress { get; init; } = 10;

    /// <summary>
    /// Maps the Request-URI host of a REGISTER to the domain it registers in, or null when we are not
    /// responsible for it (answered 404 per RFC 3261 §10.3 step 1).
    /// </summary>
    public required Func<string, RegistrarDomain?> ResolveDomain { get; init; }
}
