using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Phones;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>The customer directory on PostgreSQL.</summary>
internal sealed class PostgresCustomerDirectory(PostgresDatabase db) : ICustomerDirectory
{
    private const string SelectCustomer = """
        SELECT c.id, c.name, c.company, c.email, c.fields::text, c.created_at, c.updated_at,
               ARRAY(SELECT p.e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.position)
        """;

    public async Task SetDialPlanAsync(TenantId tenant, DialPlan plan, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.CountryCode.Length is 0 or > 3 || !plan.CountryCode.All(char.IsAsciiDigit) || plan.CountryCode[0] == '0')
        {
            throw new CrmValidationException("countryCode", $"'{plan.CountryCode}' is not a country calling code");
        }

        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO tenant_settings(tenant, country_code, national_prefix, international_prefix) VALUES (@t, @c, @n, @i)
            ON CONFLICT(tenant) DO UPDATE SET country_code = excluded.country_code, national_prefix = excluded.national_prefix, international_prefix = excluded.international_prefix
            """, conn);
        await cmd.With("t", t).With("c", plan.CountryCode).With("n", plan.NationalPrefix).With("i", plan.InternationalPrefix).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DialPlan> GetDialPlanAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadDialPlanAsync(conn, null, t, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<DialPlan> ReadDialPlanAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string tenant, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT country_code, national_prefix, international_prefix FROM tenant_settings WHERE tenant = @t", conn, tx);
        await using var r = await cmd.With("t", tenant).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? new DialPlan(r.GetString(0), r.GetString(1), r.GetString(2)) : db.Options.DefaultDialPlan;
    }

    public async Task DefineFieldAsync(TenantId tenant, CustomFieldDefinition field, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        CustomerRules.ValidateDefinition(field);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO custom_fields(tenant, name, type, required) VALUES (@t, @n, @y, @r)
            ON CONFLICT(tenant, name) DO UPDATE SET type = excluded.type, required = excluded.required
            """, conn);
        await cmd.With("t", t).With("n", field.Name).With("y", (int)field.Type).With("r", field.Required).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CustomFieldDefinition>> GetFieldsAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadFieldsAsync(conn, null, t, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<CustomFieldDefinition>> ReadFieldsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string tenant, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT name, type, required FROM custom_fields WHERE tenant = @t ORDER BY name COLLATE \"C\"", conn, tx);
        await using var r = await cmd.With("t", tenant).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<CustomFieldDefinition>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new CustomFieldDefinition(r.GetString(0), (CustomFieldType)r.GetInt32(1), r.GetBoolean(2)));
        }

        return list;
    }

    public async Task<long> CreateAsync(TenantId tenant, CustomerDraft draft, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(draft);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var id = await InsertAsync(conn, tx, t, draft, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    private async Task<long> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string tenant, CustomerDraft draft, CancellationToken cancellationToken)
    {
        var n = CustomerRules.Normalize(draft, await ReadDialPlanAsync(conn, tx, tenant, cancellationToken).ConfigureAwait(false), await ReadFieldsAsync(conn, tx, tenant, cancellationToken).ConfigureAwait(false));
        var now = db.Now;
        long id;
        await using (var cmd = new NpgsqlCommand("INSERT INTO customers(tenant, name, company, email, fields, created_at, updated_at) VALUES (@t, @n, @c, @e, @f, @now, @now) RETURNING id", conn, tx))
        {
            id = (long)(await cmd.With("t", tenant).With("n", n.Name).With("c", n.Company).With("e", n.Email).With("f", NpgsqlDbType.Jsonb, JsonMap.Write(n.Fields)).With("now", now)
                .ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await InsertPhonesAsync(conn, tx, tenant, id, n.Phones, cancellationToken).ConfigureAwait(false);
        return id;
    }

    private static async Task InsertPhonesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string tenant, long id, IReadOnlyList<string> phones, CancellationToken cancellationToken)
    {
        for (var i = 0; i < phones.Count; i++)
        {
            // A savepoint keeps the transaction usable after a unique violation (PostgreSQL aborts it otherwise).
            await tx.SaveAsync("phone", cancellationToken).ConfigureAwait(false);
            try
            {
                await using var cmd = new NpgsqlCommand("INSERT INTO customer_phones(tenant, e164, customer_id, position) VALUES (@t, @p, @id, @pos)", conn, tx);
                await cmd.With("t", tenant).With("p", phones[i]).With("id", id).With("pos", i).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await tx.ReleaseAsync("phone", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.IsUniqueViolation())
            {
                await tx.RollbackAsync("phone", cancellationToken).ConfigureAwait(false);
                throw new CrmValidationException($"phone[{i}]", $"{phones[i]} already belongs to another customer of this tenant");
            }
        }
    }

    public async Task UpdateAsync(TenantId tenant, long id, CustomerDraft draft, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(draft);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var n = CustomerRules.Normalize(draft, await ReadDialPlanAsync(conn, tx, t, cancellationToken).ConfigureAwait(false), await ReadFieldsAsync(conn, tx, t, cancellationToken).ConfigureAwait(false));
        await using (var cmd = new NpgsqlCommand("UPDATE customers SET name = @n, company = @c, email = @e, fields = @f, updated_at = @now WHERE tenant = @t AND id = @id", conn, tx))
        {
            var changed = await cmd.With("t", t).With("id", id).With("n", n.Name).With("c", n.Company).With("e", n.Email).With("f", NpgsqlDbType.Jsonb, JsonMap.Write(n.Fields))
                .With("now", db.Now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (changed == 0)
            {
                throw new CrmNotFoundException($"customer {id} does not exist in this tenant");
            }
        }

        await using (var del = new NpgsqlCommand("DELETE FROM customer_phones WHERE tenant = @t AND customer_id = @id", conn, tx))
        {
            await del.With("t", t).With("id", id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertPhonesAsync(conn, tx, t, id, n.Phones, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("DELETE FROM customers WHERE tenant = @t AND id = @id", conn);
        return await cmd.With("t", t).With("id", id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<Customer?> GetAsync(TenantId tenant, long id, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(SelectCustomer + " FROM customers c WHERE c.tenant = @t AND c.id = @id", conn);
        await using var r = await cmd.With("t", t).With("id", id).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCustomer(r, role) : null;
    }

    public async Task<Customer?> FindByPhoneAsync(TenantId tenant, string phoneNumber, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(phoneNumber);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        var plan = await ReadDialPlanAsync(conn, null, t, cancellationToken).ConfigureAwait(false);
        if (!E164.TryNormalize(phoneNumber, plan, out var e164, out _))
        {
            return null;
        }

        await using var cmd = new NpgsqlCommand(SelectCustomer + " FROM customer_phones p0 JOIN customers c ON c.id = p0.customer_id AND c.tenant = p0.tenant WHERE p0.tenant = @t AND p0.e164 = @p", conn);
        await using var r = await cmd.With("t", t).With("p", e164).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCustomer(r, role) : null;
    }

    public async Task<Page<Customer>> SearchAsync(TenantId tenant, string text, PageRequest page, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var after = page.Token is null ? 0 : PageToken.Decode(page.Token).Id;
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(SelectCustomer + """
             FROM customers c WHERE c.tenant = @t AND c.id > @after
             AND (@q = '' OR c.name ILIKE @like OR c.company ILIKE @like OR c.email ILIKE @like)
             ORDER BY c.id LIMIT @n
            """, conn);
        await using var r = await cmd.With("t", t).With("after", after).With("q", text.Trim()).With("like", NpgsqlValues.LikePattern(text.Trim())).With("n", page.Size + 1)
            .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<Customer>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(ReadCustomer(r, role));
        }

        return Paged.From(items, page.Size, c => PageToken.Encode(0, c.Id));
    }

    private Customer ReadCustomer(NpgsqlDataReader r, CrmRole role)
    {
        var phones = r.GetFieldValue<string[]>(7);
        var masking = db.Options.Masking;
        return new Customer(
            r.GetInt64(0), r.GetString(1), r.TextOrNull(2), r.TextOrNull(3),
            masking.Masks(role) ? [.. phones.Select(p => masking.Apply(p, role)!)] : phones,
            JsonMap.Read(r.GetString(4)), r.Instant(5), r.Instant(6));
    }

    public async Task<long> AddContactAsync(TenantId tenant, ContactRecord contact, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Summary is null || contact.Summary.Length > 4000)
        {
            throw new CrmValidationException("summary", "is required and at most 4000 characters");
        }

        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The customer must belong to the tenant: the INSERT ... SELECT inserts nothing otherwise.
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO contacts(tenant, customer_id, at, channel, inbound, agent, call_id, summary)
            SELECT @t, c.id, @at, @ch, @in, @a, @call, @s FROM customers c WHERE c.tenant = @t AND c.id = @c RETURNING id
            """, conn);
        var id = await cmd.With("t", t).With("c", contact.CustomerId).With("at", contact.At).With("ch", (int)contact.Channel).With("in", contact.Inbound)
            .With("a", contact.Agent).With("call", contact.CallId).With("s", contact.Summary).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return id is long l ? l : throw new CrmNotFoundException($"customer {contact.CustomerId} does not exist in this tenant");
    }

    public async Task<Page<ContactRecord>> GetContactHistoryAsync(TenantId tenant, long customerId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var (afterAt, afterId) = page.Token is null ? (long.MaxValue, long.MaxValue) : PageToken.Decode(page.Token);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("""
            SELECT id, customer_id, at, channel, inbound, agent, call_id, summary FROM contacts
            WHERE tenant = @t AND customer_id = @c AND (@first OR (at, id) < (@at, @id))
            ORDER BY at DESC, id DESC LIMIT @n
            """, conn);
        await using var r = await cmd.With("t", t).With("c", customerId).With("first", page.Token is null)
            .With("at", page.Token is null ? DateTimeOffset.UnixEpoch : Microseconds.ToInstant(afterAt)).With("id", afterId).With("n", page.Size + 1)
            .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ContactRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new ContactRecord(r.GetInt64(0), r.GetInt64(1), r.Instant(2), (ContactChannel)r.GetInt32(3), r.GetBoolean(4), r.TextOrNull(5), r.TextOrNull(6), r.GetString(7)));
        }

        return Paged.From(items, page.Size, x => PageToken.Encode(Microseconds.Of(x.At), x.Id));
    }

    public async Task<IReadOnlyList<ImportedRow>> ImportAsync(TenantId tenant, IReadOnlyList<(int Row, CustomerDraft Draft)> rows, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(rows);
        await using var conn = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<ImportedRow>(rows.Count);
        foreach (var (row, draft) in rows)
        {
            // A savepoint per row: a row the database rejects leaves no trace, the others stay.
            await tx.SaveAsync("import_row", cancellationToken).ConfigureAwait(false);
            try
            {
                results.Add(new ImportedRow(row, await InsertAsync(conn, tx, t, draft, cancellationToken).ConfigureAwait(false), null));
                await tx.ReleaseAsync("import_row", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CrmValidationException or PostgresException)
            {
                await tx.RollbackAsync("import_row", cancellationToken).ConfigureAwait(false);
                results.Add(new ImportedRow(row, null, e is PostgresException pe ? pe.MessageText : e.Message));
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }
}
