namespace CallCenterSdk.Ivr.Schedules;

/// <summary>Business schedules per tenant.</summary>
public interface IScheduleCatalog
{
    /// <summary>Finds a tenant's schedule; another tenant's schedule with the same id is never returned.</summary>
    bool TryGetSchedule(string tenantId, string scheduleId, out BusinessSchedule schedule);
}
