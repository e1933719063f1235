using CallCenterSdk.Crm.Knowledge;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>The knowledge base on SQLite with an FTS5 index (porter stemmer, BM25 ranking).</summary>
internal sealed class SqliteKnowledgeBase(SqliteDatabase db) : IKnowledgeBase
{
    public Task<long> SaveAsync(TenantId tenant, KnowledgeArticle article, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        SearchTerms.ValidateArticle(article);
        var tags = JsonMap.WriteList(article.Tags);
        return db.Writes.ExecuteAsync(w =>
        {
            var now = UnixMs.Of(db.Now);
            if (article.Id == 0)
            {
                return (long)w.Command("INSERT INTO kb_articles(tenant, title, body, tags, updated_ms) VALUES ($t, $ti, $b, $g, $now) RETURNING id")
                    .With("$t", t).With("$ti", article.Title).With("$b", article.Body).With("$g", tags).With("$now", now).ExecuteScalar()!;
            }

            var n = w.Command("UPDATE kb_articles SET title = $ti, body = $b, tags = $g, updated_ms = $now WHERE tenant = $t AND id = $id")
                .With("$t", t).With("$id", article.Id).With("$ti", article.Title).With("$b", article.Body).With("$g", tags).With("$now", now).ExecuteNonQuery();
            return n == 0 ? throw new CrmNotFoundException($"article {article.Id} does not exist in this tenant") : article.Id;
        }, cancellationToken);
    }

    public Task<KnowledgeArticle?> GetAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT id, title, body, tags, updated_ms FROM kb_articles WHERE tenant = $t AND id = $id";
        cmd.With("$t", t).With("$id", id);
        using var r = cmd.ExecuteReader();
        return Task.FromResult(r.Read() ? Read(r) : null);
    }

    private static KnowledgeArticle Read(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), JsonMap.ReadList(r.GetString(3)), UnixMs.ToInstant(r.GetInt64(4)));

    public Task<bool> DeleteAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        return db.Writes.ExecuteAsync(w => w.Command("DELETE FROM kb_articles WHERE tenant = $t AND id = $id").With("$t", t).With("$id", id).ExecuteNonQuery() > 0, cancellationToken);
    }

    public Task<IReadOnlyList<KnowledgeHit>> SearchAsync(TenantId tenant, string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var terms = SearchTerms.Split(text);
        if (terms.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<KnowledgeHit>>([]);
        }

        // Each word as an FTS5 string ("..."): implicit AND, no operator reaches the parser.
        var match = string.Join(' ', terms.Select(term => "\"" + term + "\""));
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        // bm25() is lower for better matches; weights favour title, then tags, then body.
        cmd.CommandText = """
            SELECT a.id, a.title, a.body, a.tags, a.updated_ms, bm25(kb_fts, 10.0, 1.0, 5.0) AS score
            FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid
            WHERE kb_fts MATCH $m AND a.tenant = $t ORDER BY score, a.id LIMIT $n
            """;
        cmd.With("$m", match).With("$t", t).With("$n", limit);
        using var r = cmd.ExecuteReader();
        var hits = new List<KnowledgeHit>();
        while (r.Read())
        {
            hits.Add(new KnowledgeHit(Read(r), -r.GetDouble(5)));
        }

        return Task.FromResult<IReadOnlyList<KnowledgeHit>>(hits);
    }
}
