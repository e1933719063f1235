using System.Collections.Concurrent;

namespace CallCenterSdk.Ivr.Schedules;

/// <summary>An in-memory <see cref="IScheduleCatalog"/> keyed by tenant and schedule id.</summary>
public sealed class ScheduleCatalog : IScheduleCatalog
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), BusinessSchedule> _schedules = new();

    /// <summary>Adds or replaces a tenant's schedule.</summary>
    public ScheduleCatalog Add(string tenantId, BusinessSchedule schedule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(schedule);
        _schedules[(tenantId, schedule.Id)] = schedule;
        return this;
    }

    /// <inheritdoc />
    public bool TryGetSchedule(string tenantId, string scheduleId, out BusinessSchedule schedule) =>
        _schedules.TryGetValue((tenantId, scheduleId), out schedule!);
}
