using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Reports;

/// <summary>KPI reports per interval, day, week or month and per tenant, queue or agent, computed from
/// the CDR store and the agent-state spans recorded here. Formulas: <see cref="KpiFormulas"/>.</summary>
public interface IReportQueries
{
    /// <summary>Records agent-state spans (from the ACD) for occupancy and utilization.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="spans">The spans.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when committed.</returns>
    Task AppendAgentStatesAsync(TenantId tenant, IReadOnlyList<AgentStateRecord> spans, CancellationToken cancellationToken = default);

    /// <summary>Computes a KPI report; rows are ordered by bucket then key, buckets without calls or agent time are omitted.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="request">What to compute.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rows.</returns>
    Task<IReadOnlyList<KpiRow>> GetKpisAsync(TenantId tenant, KpiRequest request, CancellationToken cancellationToken = default);
}
