using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Knowledge;

/// <summary>FAQ articles with full-text search (FTS5 on SQLite, tsvector on PostgreSQL; both stem English words).</summary>
public interface IKnowledgeBase
{
    /// <summary>Creates (Id 0) or replaces an article.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="article">The article.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The article's id.</returns>
    /// <exception cref="CrmNotFoundException">Replacing an id that does not exist in this tenant.</exception>
    Task<long> SaveAsync(TenantId tenant, KnowledgeArticle article, CancellationToken cancellationToken = default);

    /// <summary>Reads an article.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The article.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The article or null.</returns>
    Task<KnowledgeArticle?> GetAsync(TenantId tenant, long id, CancellationToken cancellationToken = default);

    /// <summary>Deletes an article.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The article.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when deleted.</returns>
    Task<bool> DeleteAsync(TenantId tenant, long id, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over title, body and tags. Every word must match (stemmed); quotes
    /// and operators in <paramref name="text"/> are treated as plain words.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="text">What to look for.</param>
    /// <param name="limit">Maximum hits (1 to 1000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Hits, best first.</returns>
    Task<IReadOnlyList<KnowledgeHit>> SearchAsync(TenantId tenant, string text, int limit = 20, CancellationToken cancellationToken = default);
}
