using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Tenancy;
using CallCenterSdk.Crm.Tickets;
using Npgsql;
using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>Tickets on PostgreSQL; each change locks the row (SELECT ... FOR UPDATE), decides, writes and records history in one transaction.</summary>
internal sealed class PostgresTicketStore(PostgresDatabase db) : ITicketStore
{
    private const string Select = """
        SELECT id, kind, priority, status, subject, description, customer_id, call_id, assignee, escalation_level, next_escalation_at, created_at, updated_at FROM tickets
        """;

    private TicketEscalationPolicy Policy => db.Options.Escalation;

    public async Task<long> CreateAsync(TenantId tenant, TicketDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.Validate(draft, actor);
        var (ticket, events) = TicketChanges.Create(draft, actor, db.Now, Policy);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO tickets(tenant, kind, priority, status, subject, description, customer_id, call_id, assignee, escalation_level, next_escalation_at, created_at, updated_at)
            VALUES (@t, @k, @p, @s, @sub, @d, @c, @call, NULL, 0, @next, @now, @now) RETURNING id
            """, conn, tx))
        {
            id = (long)(await cmd.With("t", t).With("k", (int)ticket.Kind).With("p", (int)ticket.Priority).With("s", (int)ticket.Status).With("sub", ticket.Subject)
                .With("d", ticket.Description).With("c", NpgsqlDbType.Bigint, ticket.CustomerId).With("call", NpgsqlDbType.Text, ticket.CallId)
                .With("next", NpgsqlDbType.TimestampTz, ticket.NextEscalationAt).With("now", ticket.CreatedAt).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await AppendEventsAsync(conn, tx, t, id, events, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<Ticket?> GetAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(conn, null, t, id, forUpdate: false, cancellationToken).ConfigureAwait(false);
    }

    public Task<Ticket> ChangeStatusAsync(TenantId tenant, long id, TicketStatus status, string actor, string? note = null, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.RequireActor(actor);
        return ChangeAsync(t, id, ticket => TicketChanges.ChangeStatus(ticket, status, actor, note, db.Now, Policy), cancellationToken);
    }

    public Task<Ticket> AssignAsync(TenantId tenant, long id, string assignee, string actor, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.RequireActor(actor);
        return ChangeAsync(t, id, ticket => TicketChanges.Assign(ticket, assignee, actor, db.Now, Policy), cancellationToken);
    }

    public Task CommentAsync(TenantId tenant, long id, string actor, string note, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        TicketRules.RequireActor(actor);
        if (string.IsNullOrWhiteSpace(note) || note.Length > 8000)
        {
            throw new CrmValidationException("note", "is required and at most 8000 characters");
        }

        return ChangeAsync(t, id, ticket => (ticket, [new TicketEvent(id, db.Now, actor, TicketEventKind.Commented, null, null, note)]), cancellationToken);
    }

    private async Task<Ticket> ChangeAsync(string tenant, long id, Func<Ticket, (Ticket Ticket, TicketEvent[] Events)> decide, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await LoadAsync(conn, tx, tenant, id, forUpdate: true, cancellationToken).ConfigureAwait(false)
            ?? throw new CrmNotFoundException($"ticket {id} does not exist in this tenant");
        var (next, events) = decide(current);
        await SaveAsync(conn, tx, tenant, next, cancellationToken).ConfigureAwait(false);
        await AppendEventsAsync(conn, tx, tenant, id, events, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    private static async Task<Ticket?> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string tenant, long id, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(Select + " WHERE tenant = @t AND id = @id" + (forUpdate ? " FOR UPDATE" : string.Empty), conn, tx);
        await using var r = await cmd.With("t", tenant).With("id", id).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(r) : null;
    }

    private static async Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string tenant, Ticket t, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("UPDATE tickets SET status = @s, assignee = @a, escalation_level = @l, next_escalation_at = @n, updated_at = @u WHERE tenant = @t AND id = @id", conn, tx);
        await cmd.With("t", tenant).With("id", t.Id).With("s", (int)t.Status).With("a", NpgsqlDbType.Text, t.Assignee).With("l", t.EscalationLevel)
            .With("n", NpgsqlDbType.TimestampTz, t.NextEscalationAt).With("u", t.UpdatedAt).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task AppendEventsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string tenant, long id, TicketEvent[] events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await using var cmd = new NpgsqlCommand("INSERT INTO ticket_events(tenant, ticket_id, at, actor, kind, from_value, to_value, note) VALUES (@t, @id, @at, @a, @k, @f, @to, @n)", conn, tx);
            await cmd.With("t", tenant).With("id", id).With("at", e.At).With("a", e.Actor).With("k", (int)e.Kind).With("f", NpgsqlDbType.Text, e.From).With("to", NpgsqlDbType.Text, e.To)
                .With("n", NpgsqlDbType.Text, e.Note).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Ticket Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), (TicketKind)r.GetInt32(1), (TicketPriority)r.GetInt32(2), (TicketStatus)r.GetInt32(3), r.GetString(4), r.GetString(5),
        r.Int64OrNull(6), r.TextOrNull(7), r.TextOrNull(8), r.GetInt32(9), r.InstantOrNull(10), r.Instant(11), r.Instant(12));

    public async Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("SELECT ticket_id, at, actor, kind, from_value, to_value, note FROM ticket_events WHERE tenant = @t AND ticket_id = @id ORDER BY id", conn);
        await using var r = await cmd.With("t", t).With("id", id).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<TicketEvent>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new TicketEvent(r.GetInt64(0), r.Instant(1), r.GetString(2), (TicketEventKind)r.GetInt32(3), r.TextOrNull(4), r.TextOrNull(5), r.TextOrNull(6)));
        }

        return list;
    }

    public async Task<Page<Ticket>> ListAsync(TenantId tenant, TicketQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var after = page.Token is null ? 0 : PageToken.Decode(page.Token).Id;
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(Select + """
             WHERE tenant = @t AND id > @after AND (@s::int IS NULL OR status = @s) AND (@a::text IS NULL OR assignee = @a)
             AND (@c::bigint IS NULL OR customer_id = @c) AND escalation_level >= @l ORDER BY id LIMIT @n
            """, conn);
        cmd.With("t", t).With("after", after).With("s", NpgsqlDbType.Integer, query.Status is { } s ? (int)s : null).With("a", NpgsqlDbType.Text, query.Assignee)
            .With("c", NpgsqlDbType.Bigint, query.CustomerId).With("l", query.MinEscalationLevel).With("n", page.Size + 1);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<Ticket>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(r));
        }

        return Paged.From(items, page.Size, x => PageToken.Encode(0, x.Id));
    }

    public async Task<IReadOnlyList<Ticket>> EscalateDueAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        var now = db.Now;
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<Ticket>();
        // SKIP LOCKED: two nodes escalating at once split the work instead of escalating a ticket twice.
        await using (var cmd = new NpgsqlCommand(Select + " WHERE tenant = @t AND next_escalation_at IS NOT NULL AND next_escalation_at <= @now ORDER BY id FOR UPDATE SKIP LOCKED", conn, tx))
        {
            await using var r = await cmd.With("t", t).With("now", now).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                due.Add(Read(r));
            }
        }

        var escalated = new List<Ticket>();
        foreach (var ticket in due)
        {
            if (TicketChanges.Escalate(ticket, now, Policy) is { } change)
            {
                await SaveAsync(conn, tx, t, change.Ticket, cancellationToken).ConfigureAwait(false);
                await AppendEventsAsync(conn, tx, t, ticket.Id, change.Events, cancellationToken).ConfigureAwait(false);
                escalated.Add(change.Ticket);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return escalated;
    }
}
