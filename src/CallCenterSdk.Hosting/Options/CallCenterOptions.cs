namespace CallCenterSdk.Hosting.Options;

/// <summary>
/// Everything a call center is made of, bound from the configuration section <see cref="SectionName"/> and
/// validated when the host starts (<see cref="CallCenterOptionsValidator"/>).
/// </summary>
public sealed class CallCenterOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "CallCenter";

    /// <summary>The tenants; at least one.</summary>
    public IList<TenantOptions> Tenants { get; } = [];

    /// <summary>SIP trunks to carriers (outbound dialing and DIDs delivered by the carrier).</summary>
    public IList<TrunkOptions> Trunks { get; } = [];

    /// <summary>SIP listening endpoints and registrar settings.</summary>
    public SipOptions Sip { get; set; } = new();

    /// <summary>Where CRM data, CDRs, recordings index and reports live.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Sign-in settings for the REST API and the SignalR hub.</summary>
    public AuthOptions Auth { get; set; } = new();

    /// <summary>The tenant with <paramref name="id"/>, or null.</summary>
    public TenantOptions? FindTenant(string id) => Tenants.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}
