using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;
using CallCenterSdk.Crm.Tickets;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>Tickets on SQLite; each change is read-decide-write inside the single writer, so it is serialised.</summary>
internal sealed class SqliteTicketStore(SqliteDatabase db) : ITicketStore
{
    private const string Select = """
        SELECT id, kind, priority, status, subject, description, customer_id, call_id, assignee, escalation_level, next_escalation_ms, created_ms, updated_ms FROM tickets
        """;

    private TicketEscalationPolicy Policy => db.Options.Escalation;

    public Task<long> CreateAsync(TenantId tenant, TicketDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.Validate(draft, actor);
        return db.Writes.ExecuteAsync(w =>
        {
            var (ticket, events) = TicketChanges.Create(draft, actor, db.Now, Policy);
            var id = (long)w.Command("""
                INSERT INTO tickets(tenant, kind, priority, status, subject, description, customer_id, call_id, assignee, escalation_level, next_escalation_ms, created_ms, updated_ms)
                VALUES ($t, $k, $p, $s, $sub, $d, $c, $call, NULL, 0, $next, $now, $now) RETURNING id
                """).With("$t", t).With("$k", (int)ticket.Kind).With("$p", (int)ticket.Priority).With("$s", (int)ticket.Status).With("$sub", ticket.Subject)
                .With("$d", ticket.Description).With("$c", ticket.CustomerId).With("$call", ticket.CallId)
                .With("$next", ticket.NextEscalationAt is { } n ? UnixMs.Of(n) : null).With("$now", UnixMs.Of(ticket.CreatedAt)).ExecuteScalar()!;
            AppendEvents(w, t, id, events);
            return id;
        }, cancellationToken);
    }

    public Task<Ticket?> GetAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = Select + " WHERE tenant = $t AND id = $id";
        cmd.With("$t", t).With("$id", id);
        using var r = cmd.ExecuteReader();
        return Task.FromResult(r.Read() ? Read(r) : null);
    }

    public Task<Ticket> ChangeStatusAsync(TenantId tenant, long id, TicketStatus status, string actor, string? note = null, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.RequireActor(actor);
        return Change(t, id, ticket => TicketChanges.ChangeStatus(ticket, status, actor, note, db.Now, Policy), cancellationToken);
    }

    public Task<Ticket> AssignAsync(TenantId tenant, long id, string assignee, string actor, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.RequireActor(actor);
        return Change(t, id, ticket => TicketChanges.Assign(ticket, assignee, actor, db.Now, Policy), cancellationToken);
    }

    public Task CommentAsync(TenantId tenant, long id, string actor, string note, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.RequireActor(actor);
        if (string.IsNullOrWhiteSpace(note) || note.Length > 8000)
        {
            throw new CrmValidationException("note", "is required and at most 8000 characters");
        }

        return Change(t, id, ticket => (ticket, [new TicketEvent(id, db.Now, actor, TicketEventKind.Commented, null, null, note)]), cancellationToken);
    }

    private Task<Ticket> Change(string tenant, long id, Func<Ticket, (Ticket Ticket, TicketEvent[] Events)> decide, CancellationToken cancellationToken) =>
        db.Writes.ExecuteAsync(w =>
        {
            var current = Load(w, tenant, id) ?? throw new CrmNotFoundException($"ticket {id} does not exist in this tenant");
            var (next, events) = decide(current);
            Save(w, tenant, next);
            AppendEvents(w, tenant, id, events);
            return next;
        }, cancellationToken);

    private static Ticket? Load(SqliteWriteBatch w, string tenant, long id)
    {
        using var r = w.Command(Select + " WHERE tenant = $t AND id = $id").With("$t", tenant).With("$id", id).ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    private static void Save(SqliteWriteBatch w, string tenant, Ticket t) =>
        w.Command("UPDATE tickets SET status = $s, assignee = $a, escalation_level = $l, next_escalation_ms = $n, updated_ms = $u WHERE tenant = $t AND id = $id")
            .With("$t", tenant).With("$id", t.Id).With("$s", (int)t.Status).With("$a", t.Assignee).With("$l", t.EscalationLevel)
            .With("$n", t.NextEscalationAt is { } n ? UnixMs.Of(n) : null).With("$u", UnixMs.Of(t.UpdatedAt)).ExecuteNonQuery();

    private static void AppendEvents(SqliteWriteBatch w, string tenant, long id, TicketEvent[] events)
    {
        foreach (var e in events)
        {
            w.Command("INSERT INTO ticket_events(tenant, ticket_id, at_ms, actor, kind, from_value, to_value, note) VALUES ($t, $id, $at, $a, $k, $f, $to, $n)")
                .With("$t", tenant).With("$id", id).With("$at", UnixMs.Of(e.At)).With("$a", e.Actor).With("$k", (int)e.Kind).With("$f", e.From).With("$to", e.To).With("$n", e.Note)
                .ExecuteNonQuery();
        }
    }

    private static Ticket Read(SqliteDataReader r) => new(
        r.GetInt64(0), (TicketKind)r.GetInt32(1), (TicketPriority)r.GetInt32(2), (TicketStatus)r.GetInt32(3), r.GetString(4), r.GetString(5),
        r.Int64OrNull(6), r.TextOrNull(7), r.TextOrNull(8), r.GetInt32(9), r.Int64OrNull(10) is { } n ? UnixMs.ToInstant(n) : null,
        UnixMs.ToInstant(r.GetInt64(11)), UnixMs.ToInstant(r.GetInt64(12)));

    public Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT ticket_id, at_ms, actor, kind, from_value, to_value, note FROM ticket_events WHERE tenant = $t AND ticket_id = $id ORDER BY id";
        cmd.With("$t", t).With("$id", id);
        using var r = cmd.ExecuteReader();
        var list = new List<TicketEvent>();
        while (r.Read())
        {
            list.Add(new TicketEvent(r.GetInt64(0), UnixMs.ToInstant(r.GetInt64(1)), r.GetString(2), (TicketEventKind)r.GetInt32(3), r.TextOrNull(4), r.TextOrNull(5), r.TextOrNull(6)));
        }

        return Task.FromResult<IReadOnlyList<TicketEvent>>(list);
    }

    public Task<Page<Ticket>> ListAsync(TenantId tenant, TicketQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var after = page.Token is null ? 0 : PageToken.Decode(page.Token).Id;
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = Select + """
             WHERE tenant = $t AND id > $after AND ($s IS NULL OR status = $s) AND ($a IS NULL OR assignee = $a)
             AND ($c IS NULL OR customer_id = $c) AND escalation_level >= $l ORDER BY id LIMIT $n
            """;
        cmd.With("$t", t).With("$after", after).With("$s", query.Status is { } s ? (int)s : null).With("$a", query.Assignee).With("$c", query.CustomerId)
            .With("$l", query.MinEscalationLevel).With("$n", page.Size + 1);
        using var r = cmd.ExecuteReader();
        var items = new List<Ticket>();
        while (r.Read())
        {
            items.Add(Read(r));
        }

        return Task.FromResult(Paged.From(items, page.Size, x => PageToken.Encode(0, x.Id)));
    }

    public Task<IReadOnlyList<Ticket>> EscalateDueAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        return db.Writes.ExecuteAsync<IReadOnlyList<Ticket>>(w =>
        {
            var now = db.Now;
            var due = new List<Ticket>();
            using (var r = w.Command(Select + " WHERE tenant = $t AND next_escalation_ms IS NOT NULL AND next_escalation_ms <= $now ORDER BY id")
                       .With("$t", t).With("$now", UnixMs.Of(now)).ExecuteReader())
            {
                while (r.Read())
                {
                    due.Add(Read(r));
                }
            }

            var escalated = new List<Ticket>();
            foreach (var ticket in due)
            {
                if (TicketChanges.Escalate(ticket, now, Policy) is { } change)
                {
                    Save(w, t, change.Ticket);
                    AppendEvents(w, t, ticket.Id, change.Events);
                    escalated.Add(change.Ticket);
                }
            }

            return escalated;
        }, cancellationToken);
    }
}
