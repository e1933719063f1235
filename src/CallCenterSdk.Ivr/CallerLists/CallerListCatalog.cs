using System.Collections.Concurrent;

namespace CallCenterSdk.Ivr.CallerLists;

/// <summary>An in-memory <see cref="ICallerListCatalog"/>; replacing a screen is atomic for running calls.</summary>
public sealed class CallerListCatalog : ICallerListCatalog
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), CallerScreen> _screens = new();

    /// <summary>Adds or replaces a tenant's screen.</summary>
    public CallerListCatalog Add(string tenantId, CallerScreen screen)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(screen);
        _screens[(tenantId, screen.Id)] = screen;
        return this;
    }

    /// <inheritdoc />
    public bool TryGetScreen(string tenantId, string screenId, out CallerScreen screen) =>
        _screens.TryGetValue((tenantId, screenId), out screen!);
}
