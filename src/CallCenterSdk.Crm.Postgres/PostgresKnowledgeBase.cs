using CallCenterSdk.Crm.Knowledge;
using CallCenterSdk.Crm.Tenancy;
using Npgsql;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>The knowledge base on PostgreSQL: a weighted tsvector (title A, tags B, body C) with a GIN index, ranked by ts_rank.</summary>
internal sealed class PostgresKnowledgeBase(PostgresDatabase db) : IKnowledgeBase
{
    private const string Vector = """
        setweight(to_tsvector('english', @ti), 'A') || setweight(to_tsvector('english', array_to_string(@g::text[], ' ')), 'B') || setweight(to_tsvector('english', @b), 'C')
        """;

    public async Task<long> SaveAsync(TenantId tenant, KnowledgeArticle article, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        SearchTerms.ValidateArticle(article);
        var tags = (article.Tags ?? []).ToArray();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (article.Id == 0)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO kb_articles(tenant, title, body, tags, updated_at, search) VALUES (@t, @ti, @b, @g, @now, " + Vector + ") RETURNING id", conn);
            return (long)(await insert.With("t", t).With("ti", article.Title).With("b", article.Body).With("g", tags).With("now", db.Now).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using var update = new NpgsqlCommand("UPDATE kb_articles SET title = @ti, body = @b, tags = @g, updated_at = @now, search = " + Vector + " WHERE tenant = @t AND id = @id", conn);
        var n = await update.With("t", t).With("id", article.Id).With("ti", article.Title).With("b", article.Body).With("g", tags).With("now", db.Now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return n == 0 ? throw new CrmNotFoundException($"article {article.Id} does not exist in this tenant") : article.Id;
    }

    public async Task<KnowledgeArticle?> GetAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("SELECT id, title, body, tags, updated_at FROM kb_articles WHERE tenant = @t AND id = @id", conn);
        await using var r = await cmd.With("t", t).With("id", id).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(r) : null;
    }

    private static KnowledgeArticle Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.Instant(4));

    public async Task<bool> DeleteAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("DELETE FROM kb_articles WHERE tenant = @t AND id = @id", conn);
        return await cmd.With("t", t).With("id", id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(TenantId tenant, string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var terms = SearchTerms.Split(text);
        if (terms.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The terms are letters and digits only, so plainto_tsquery sees no operators; it ANDs them.
        await using var cmd = new NpgsqlCommand("""
            SELECT a.id, a.title, a.body, a.tags, a.updated_at, ts_rank(a.search, q) AS rank
            FROM kb_articles a, plainto_tsquery('english', @q) q
            WHERE a.tenant = @t AND a.search @@ q ORDER BY rank DESC, a.id LIMIT @n
            """, conn);
        await using var r = await cmd.With("t", t).With("q", string.Join(' ', terms)).With("n", limit).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hits = new List<KnowledgeHit>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new KnowledgeHit(Read(r), r.GetFloat(5)));
        }

        return hits;
    }
}
