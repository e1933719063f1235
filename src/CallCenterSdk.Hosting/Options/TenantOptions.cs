namespace CallCenterSdk.Hosting.Options;

/// <summary>One tenant: its numbers, queues, agents, users, IVR flows, business hours and seed data.</summary>
public sealed class TenantOptions
{
    /// <summary>Tenant id used in every URL, event and store query (letters, digits, '-', '_'; at most 64).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Display name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// The SIP domain (and digest realm) of the tenant's phones: agents register as
    /// <c>sip:EXTENSION@SipDomain</c>. Defaults to <c>Id + ".callcenter"</c>.
    /// </summary>
    public string? SipDomain { get; set; }

    /// <summary>
    /// The tenant's time zone (IANA id, e.g. <c>Europe/Berlin</c>) [UTC]: where its day begins for the wallboard's
    /// "today", the reports' default range and date-only bounds, and the reports' days and intervals.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The numbers (DIDs) callers dial, each with the IVR flow it starts.</summary>
    public IList<NumberOptions> Numbers { get; } = [];

    /// <summary>ACD queues.</summary>
    public IList<QueueOptions> Queues { get; } = [];

    /// <summary>Agents with skills, queue memberships and their SIP phone credentials.</summary>
    public IList<AgentOptions> Agents { get; } = [];

    /// <summary>Users of the web API (agents, supervisors, administrators).</summary>
    public IList<UserOptions> Users { get; } = [];

    /// <summary>IVR flows: flow id to the path of its JSON file (relative paths are resolved against the content root).</summary>
    public IDictionary<string, string> IvrFlows { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Business-hours schedules used by the IVR's <c>schedule</c> step.</summary>
    public IList<BusinessHoursOptions> BusinessHours { get; } = [];

    /// <summary>Customers written to the CRM when the tenant's directory is empty (demo and first-run data).</summary>
    public IList<CustomerSeedOptions> Customers { get; } = [];

    /// <summary>The tenant's day: <see cref="TimeZone"/> resolved; a zone the system does not know throws <see cref="TimeZoneNotFoundException"/> (validation reports it first).</summary>
    public TimeZoneInfo Zone
    {
        get
        {
            // Resolved once per configured id (the wallboard asks for every queue on every contact event), and again
            // only if the id is changed.
            var resolved = _zone;
            if (resolved is null || !string.Equals(resolved.Id, TimeZone, StringComparison.Ordinal))
            {
                resolved = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
                _zone = resolved;
            }

            return resolved;
        }
    }

    private TimeZoneInfo? _zone;

    /// <summary>The tenant's calendar date at <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The start (as an instant) of the tenant's local day that contains <paramref name="instant"/>.</summary>
    public DateTimeOffset DayStart(DateTimeOffset instant) => DayStart(LocalDate(instant));

    /// <summary>The start (as an instant) of the local calendar day <paramref name="date"/> where the tenant is.</summary>
    public DateTimeOffset DayStart(DateOnly date)
    {
        var zone = Zone;
        var midnight = date.ToDateTime(TimeOnly.MinValue);

        // Where a DST change skips midnight, the day starts at the first valid local time after it.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The effective SIP domain.</summary>
    public string EffectiveSipDomain => string.IsNullOrWhiteSpace(SipDomain) ? Id + ".callcenter" : SipDomain;
}
