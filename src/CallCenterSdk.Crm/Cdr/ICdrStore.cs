using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Cdr;

/// <summary>
/// The CDR store. Durability contract: when <see cref="AppendAsync"/> or <see cref="AppendManyAsync"/>
/// completes successfully the records are committed and survive a crash of the writing process;
/// if the task faults, none of the records of that call were stored.
/// </summary>
public interface ICdrStore
{
    /// <summary>Appends one leg's record (batched with concurrent appends into one transaction).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cdr">The record (its Id is ignored).</param>
    /// <param name="cancellationToken">Cancels waiting; a record already queued may still be stored.</param>
    /// <returns>The record's id once committed.</returns>
    Task<long> AppendAsync(TenantId tenant, CallDetailRecord cdr, CancellationToken cancellationToken = default);

    /// <summary>Appends many records in one transaction (bulk load; COPY on PostgreSQL).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cdrs">The records; all are validated before any is written.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when all are committed.</returns>
    Task AppendManyAsync(TenantId tenant, IReadOnlyList<CallDetailRecord> cdrs, CancellationToken cancellationToken = default);

    /// <summary>Queries records by time range and filters, ordered by start time then id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="query">The filter.</param>
    /// <param name="page">Which page.</param>
    /// <param name="role">The reader's role: numbers are masked per the store's policy.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A page of records.</returns>
    Task<Page<CallDetailRecord>> QueryAsync(TenantId tenant, CdrQuery query, PageRequest page, CrmRole role, CancellationToken cancellationToken = default);

    /// <summary>Counts the tenant's records in a time range.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="from">Start (inclusive).</param>
    /// <param name="to">End (exclusive).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of records.</returns>
    Task<long> CountAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
