using CallCenterSdk.Acd;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Sip;

namespace CallCenterSdk.Hosting.Api;

/// <summary>Builds the real-time views of a tenant from its ACD and the SIP registrations.</summary>
internal sealed class ViewBuilder(CallCenterAcd acd, SipServer sip, ICallCenterCalls calls)
{
    public static string? Mask(string? number) => number is null ? null : NumberMaskingPolicy.Mask(number, 4);

    public TenantAcd? Tenant(string tenant) => acd.Find(tenant);

    public IReadOnlyList<AgentView> Agents(TenantAcd tenant)
    {
        var statuses = tenant.Execute(e => tenant.Options.Agents.Select(a => e.GetAgentStatus(new AgentId(tenant.Tenant, a.Id))).ToList());
        return tenant.Options.Agents.Select((a, i) => ToView(tenant, a, statuses[i])).ToList();
    }

    public AgentView Agent(TenantAcd tenant, string agentId)
    {
        var options = tenant.Options.Agents.First(a => a.Id == agentId);
        var status = tenant.Execute(e => e.GetAgentStatus(new AgentId(tenant.Tenant, agentId)));
        return ToView(tenant, options, status);
    }

    public static IReadOnlyList<QueueView> Queues(TenantAcd tenant)
    {
        var statuses = tenant.Execute(e => tenant.Options.Queues.Select(q => e.GetQueueStatus(new QueueId(tenant.Tenant, q.Id))).ToList());
        return tenant.Options.Queues.Select((q, i) => ToView(tenant, q.Id, q.Name, statuses[i])).ToList();
    }

    public static QueueView Queue(TenantAcd tenant, QueueId queue)
    {
        var status = tenant.Execute(e => e.GetQueueStatus(queue));
        var name = tenant.Options.Queues.FirstOrDefault(q => q.Id == queue.Name)?.Name;
        return ToView(tenant, queue.Name, name, status);
    }

    public static IReadOnlyList<WaitingContactView> Waiting(TenantAcd tenant)
    {
        var now = tenant.Time.GetUtcNow();
        // One engine turn: the contacts and who is ringing for each (an offer is not yet an assignment).
        var (snapshot, offers) = tenant.Execute(e =>
        {
            var s = e.ExportState();
            return (s, s.Contacts.Where(c => c.Answered is null).ToDictionary(c => c.Id, c => e.GetOffers(c.Id)));
        });
        return snapshot.Contacts
            .Where(c => c.Id.Tenant == tenant.Tenant && c.Answered is null)
            .OrderBy(c => c.Enqueued)
            .Select(c => new WaitingContactView(
                c.Id.ToString(), c.Queue.Name, Mask(c.Request.CallerNumber), c.Enqueued, (now - c.Enqueued).TotalSeconds,
                offers[c.Id].Count > 0 ? string.Join(", ", offers[c.Id].Select(a => a.Name)) : c.Agent?.Name, c.Request.Vip))
            .ToList();
    }

    public WallboardView Wallboard(TenantAcd tenant)
    {
        var at = tenant.Time.GetUtcNow();
        return new(
            tenant.Tenant.Value, tenant.Options.Name, at, Queues(tenant), Waiting(tenant), Agents(tenant),
            TodayView.From(tenant.TodayForTenant()), calls.IsAvailable,
            tenant.Options.LocalDate(at), tenant.Options.TimeZone, tenant.Options.DayStart(at));
    }

    private static QueueView ToView(TenantAcd tenant, string id, string? name, QueueStatus s) => new(
        id, name, s.Waiting, s.LongestWait.TotalSeconds, s.ExpectedWaitForNewContact.TotalSeconds, s.Agents.Available,
        s.Agents.Reserved + s.Agents.OnContact + s.Agents.WrapUp, s.Agents.NotReady, TodayView.From(tenant.Today(new QueueId(tenant.Tenant, id))));

    private AgentView ToView(TenantAcd tenant, Options.AgentOptions options, AgentStatus status) => new(
        options.Id, options.Name, options.Extension, AgentStateNames.Of(status.State),
        status.State == AgentState.NotReady ? status.NotReadyReason : null, status.Since,
        sip.PhoneOf(tenant.Options, options).Count > 0, status.Contacts.Select(c => c.ToString()).ToList());
}
