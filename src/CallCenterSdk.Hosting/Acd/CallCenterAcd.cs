using CallCenterSdk.Acd;
using CallCenterSdk.Hosting.Options;
using Microsoft.Extensions.Options;

namespace CallCenterSdk.Hosting.Acd;

/// <summary>The ACD of every tenant, created from the options on the host's <see cref="TimeProvider"/>.</summary>
public sealed class CallCenterAcd : IDisposable
{
    private readonly Dictionary<string, TenantAcd> _tenants;

    /// <summary>Creates one <see cref="TenantAcd"/> per configured tenant.</summary>
    public CallCenterAcd(IOptions<CallCenterOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tenants = options.Value.Tenants.ToDictionary(t => t.Id, t => new TenantAcd(t, time), StringComparer.Ordinal);
    }

    /// <summary>Every tenant's ACD.</summary>
    public IReadOnlyCollection<TenantAcd> Tenants => _tenants.Values;

    /// <summary>The ACD of <paramref name="tenant"/>, or null when no such tenant is configured.</summary>
    public TenantAcd? Find(string tenant) => _tenants.GetValueOrDefault(tenant);

    /// <summary>The ACD of <paramref name="tenant"/>; throws <see cref="KeyNotFoundException"/> for an unknown tenant.</summary>
    public TenantAcd this[TenantId tenant] => _tenants.TryGetValue(tenant.Value, out var t) ? t : throw new KeyNotFoundException($"Tenant '{tenant}' is not configured.");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _tenants.Values)
        {
            t.Dispose();
        }
    }
}
