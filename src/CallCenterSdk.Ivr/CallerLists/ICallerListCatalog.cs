namespace CallCenterSdk.Ivr.CallerLists;

/// <summary>Caller screens per tenant.</summary>
public interface ICallerListCatalog
{
    /// <summary>Finds a tenant's screen by id.</summary>
    bool TryGetScreen(string tenantId, string screenId, out CallerScreen screen);
}
