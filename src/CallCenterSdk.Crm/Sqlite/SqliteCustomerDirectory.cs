using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Phones;
using CallCenterSdk.Crm.Storage;
using CallCenterSdk.Crm.Tenancy;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>The customer directory on SQLite.</summary>
internal sealed class SqliteCustomerDirectory(SqliteDatabase db) : ICustomerDirectory
{
    private const string SelectCustomer = """
        SELECT c.id, c.name, c.company, c.email, c.fields, c.created_ms, c.updated_ms,
               (SELECT group_concat(e164, ',') FROM (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position))
        """;

    // The store is the database's only writer, so a tenant's dial plan can be cached until it changes here.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DialPlan> _plans = new(StringComparer.Ordinal);

    public Task SetDialPlanAsync(TenantId tenant, DialPlan plan, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.CountryCode.Length is 0 or > 3 || !plan.CountryCode.All(char.IsAsciiDigit) || plan.CountryCode[0] == '0')
        {
            throw new CrmValidationException("countryCode", $"'{plan.CountryCode}' is not a country calling code");
        }

        return SetAsync();

        async Task SetAsync()
        {
            await db.Writes.ExecuteAsync(w => w.Command("""
                INSERT INTO tenant_settings(tenant, country_code, national_prefix, international_prefix) VALUES ($t, $c, $n, $i)
                ON CONFLICT(tenant) DO UPDATE SET country_code = excluded.country_code, national_prefix = excluded.national_prefix, international_prefix = excluded.international_prefix
                """).With("$t", t).With("$c", plan.CountryCode).With("$n", plan.NationalPrefix).With("$i", plan.InternationalPrefix).ExecuteNonQuery(), cancellationToken).ConfigureAwait(false);
            _plans[t] = plan;
        }
    }

    public Task<DialPlan> GetDialPlanAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        return Task.FromResult(ReadDialPlan(conn, null, t));
    }

    private DialPlan ReadDialPlan(SqliteConnection conn, SqliteTransaction? tx, string tenant)
    {
        if (_plans.TryGetValue(tenant, out var cached))
        {
            return cached;
        }

        var plan = ReadStoredDialPlan(conn, tx, tenant);
        _plans.TryAdd(tenant, plan);
        return plan;
    }

    private DialPlan ReadStoredDialPlan(SqliteConnection conn, SqliteTransaction? tx, string tenant)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT country_code, national_prefix, international_prefix FROM tenant_settings WHERE tenant = $t";
        cmd.With("$t", tenant);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new DialPlan(r.GetString(0), r.GetString(1), r.GetString(2)) : db.Options.DefaultDialPlan;
    }

    public Task DefineFieldAsync(TenantId tenant, CustomFieldDefinition field, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        CustomerRules.ValidateDefinition(field);
        return db.Writes.ExecuteAsync(w => w.Command("""
            INSERT INTO custom_fields(tenant, name, type, required) VALUES ($t, $n, $y, $r)
            ON CONFLICT(tenant, name) DO UPDATE SET type = excluded.type, required = excluded.required
            """).With("$t", t).With("$n", field.Name).With("$y", (int)field.Type).With("$r", field.Required ? 1 : 0).ExecuteNonQuery(), cancellationToken);
    }

    public Task<IReadOnlyList<CustomFieldDefinition>> GetFieldsAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        return Task.FromResult<IReadOnlyList<CustomFieldDefinition>>(ReadFields(conn, null, t));
    }

    private static List<CustomFieldDefinition> ReadFields(SqliteConnection conn, SqliteTransaction? tx, string tenant)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT name, type, required FROM custom_fields WHERE tenant = $t ORDER BY name";
        cmd.With("$t", tenant);
        using var r = cmd.ExecuteReader();
        var list = new List<CustomFieldDefinition>();
        while (r.Read())
        {
            list.Add(new CustomFieldDefinition(r.GetString(0), (CustomFieldType)r.GetInt32(1), r.GetInt32(2) != 0));
        }

        return list;
    }

    public Task<long> CreateAsync(TenantId tenant, CustomerDraft draft, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(draft);
        return db.Writes.ExecuteAsync(w => Insert(w, t, draft), cancellationToken);
    }

    private long Insert(SqliteWriteBatch w, string tenant, CustomerDraft draft)
    {
        // Normalised inside the writer so definitions and dial plan are read in the same transaction.
        var n = CustomerRules.Normalize(draft, ReadDialPlan(w.Connection, w.Transaction, tenant), ReadFields(w.Connection, w.Transaction, tenant));
        var now = UnixMs.Of(db.Now);
        var id = (long)w.Command("""
            INSERT INTO customers(tenant, name, company, email, fields, created_ms, updated_ms) VALUES ($t, $n, $c, $e, $f, $now, $now) RETURNING id
            """).With("$t", tenant).With("$n", n.Name).With("$c", n.Company).With("$e", n.Email).With("$f", JsonMap.Write(n.Fields)).With("$now", now).ExecuteScalar()!;
        InsertPhones(w, tenant, id, n.Phones);
        return id;
    }

    private static void InsertPhones(SqliteWriteBatch w, string tenant, long id, IReadOnlyList<string> phones)
    {
        for (var i = 0; i < phones.Count; i++)
        {
            try
            {
                w.Command("INSERT INTO customer_phones(tenant, e164, customer_id, position) VALUES ($t, $p, $id, $pos)")
                    .With("$t", tenant).With("$p", phones[i]).With("$id", id).With("$pos", i).ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.IsConstraint())
            {
                throw new CrmValidationException($"phone[{i}]", $"{phones[i]} already belongs to another customer of this tenant");
            }
        }
    }

    public Task UpdateAsync(TenantId tenant, long id, CustomerDraft draft, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(draft);
        return db.Writes.ExecuteAsync(w =>
        {
            var n = CustomerRules.Normalize(draft, ReadDialPlan(w.Connection, w.Transaction, t), ReadFields(w.Connection, w.Transaction, t));
            var changed = w.Command("UPDATE customers SET name = $n, company = $c, email = $e, fields = $f, updated_ms = $now WHERE tenant = $t AND id = $id")
                .With("$t", t).With("$id", id).With("$n", n.Name).With("$c", n.Company).With("$e", n.Email).With("$f", JsonMap.Write(n.Fields)).With("$now", UnixMs.Of(db.Now)).ExecuteNonQuery();
            if (changed == 0)
            {
                throw new CrmNotFoundException($"customer {id} does not exist in this tenant");
            }

            w.Command("DELETE FROM customer_phones WHERE tenant = $t AND customer_id = $id").With("$t", t).With("$id", id).ExecuteNonQuery();
            InsertPhones(w, t, id, n.Phones);
            return 0;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(TenantId tenant, long id, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        return db.Writes.ExecuteAsync(w => w.Command("DELETE FROM customers WHERE tenant = $t AND id = $id").With("$t", t).With("$id", id).ExecuteNonQuery() > 0, cancellationToken);
    }

    public Task<Customer?> GetAsync(TenantId tenant, long id, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = SelectCustomer + " FROM customers c WHERE c.tenant = $t AND c.id = $id";
        cmd.With("$t", t).With("$id", id);
        using var r = cmd.ExecuteReader();
        return Task.FromResult(r.Read() ? ReadCustomer(r, role) : null);
    }

    public Task<Customer?> FindByPhoneAsync(TenantId tenant, string phoneNumber, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(phoneNumber);
        var reader = db.RentReader();
        try
        {
            if (!E164.TryNormalize(phoneNumber, ReadDialPlan(reader.Connection, null, t), out var e164, out _))
            {
                return Task.FromResult<Customer?>(null);
            }

            var cmd = reader.Command(SelectCustomer + " FROM customer_phones p0 JOIN customers c ON c.id = p0.customer_id AND c.tenant = p0.tenant WHERE p0.tenant = $t AND p0.e164 = $p");
            cmd.With("$t", t).With("$p", e164);
            using var r = cmd.ExecuteReader();
            return Task.FromResult(r.Read() ? ReadCustomer(r, role) : null);
        }
        finally
        {
            db.Return(reader);
        }
    }

    public Task<Page<Customer>> SearchAsync(TenantId tenant, string text, PageRequest page, CrmRole role, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var after = page.Token is null ? 0 : PageToken.Decode(page.Token).Id;
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = SelectCustomer + """
             FROM customers c WHERE c.tenant = $t AND c.id > $after
             AND ($q = '' OR c.name LIKE $like ESCAPE '\' OR c.company LIKE $like ESCAPE '\' OR c.email LIKE $like ESCAPE '\')
             ORDER BY c.id LIMIT $n
            """;
        cmd.With("$t", t).With("$after", after).With("$q", text.Trim()).With("$like", SqliteValues.LikePattern(text.Trim())).With("$n", page.Size + 1);
        using var r = cmd.ExecuteReader();
        var items = new List<Customer>();
        while (r.Read())
        {
            items.Add(ReadCustomer(r, role));
        }

        return Task.FromResult(Paged.From(items, page.Size, c => PageToken.Encode(0, c.Id)));
    }

    private Customer ReadCustomer(SqliteDataReader r, CrmRole role)
    {
        IReadOnlyList<string> phones = r.IsDBNull(7) ? [] : r.GetString(7).Split(',');
        var masking = db.Options.Masking;
        return new Customer(
            r.GetInt64(0),
            r.GetString(1),
            r.TextOrNull(2),
            r.TextOrNull(3),
            masking.Masks(role) ? [.. phones.Select(p => masking.Apply(p, role)!)] : phones,
            JsonMap.Read(r.GetString(4)),
            UnixMs.ToInstant(r.GetInt64(5)),
            UnixMs.ToInstant(r.GetInt64(6)));
    }

    public Task<long> AddContactAsync(TenantId tenant, ContactRecord contact, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Summary is null || contact.Summary.Length > 4000)
        {
            throw new CrmValidationException("summary", "is required and at most 4000 characters");
        }

        return db.Writes.ExecuteAsync(w =>
        {
            var exists = w.Command("SELECT 1 FROM customers WHERE tenant = $t AND id = $id").With("$t", t).With("$id", contact.CustomerId).ExecuteScalar();
            if (exists is null)
            {
                throw new CrmNotFoundException($"customer {contact.CustomerId} does not exist in this tenant");
            }

            return (long)w.Command("""
                INSERT INTO contacts(tenant, customer_id, at_ms, channel, inbound, agent, call_id, summary)
                VALUES ($t, $c, $at, $ch, $in, $a, $call, $s) RETURNING id
                """).With("$t", t).With("$c", contact.CustomerId).With("$at", UnixMs.Of(contact.At)).With("$ch", (int)contact.Channel)
                .With("$in", contact.Inbound ? 1 : 0).With("$a", contact.Agent).With("$call", contact.CallId).With("$s", contact.Summary).ExecuteScalar()!;
        }, cancellationToken);
    }

    public Task<Page<ContactRecord>> GetContactHistoryAsync(TenantId tenant, long customerId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var (afterAt, afterId) = page.Token is null ? (long.MaxValue, long.MaxValue) : PageToken.Decode(page.Token);
        using var conn = db.OpenReader();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT id, customer_id, at_ms, channel, inbound, agent, call_id, summary FROM contacts
            WHERE tenant = $t AND customer_id = $c AND (at_ms < $at OR (at_ms = $at AND id < $id))
            ORDER BY at_ms DESC, id DESC LIMIT $n
            """;
        cmd.With("$t", t).With("$c", customerId).With("$at", afterAt).With("$id", afterId).With("$n", page.Size + 1);
        using var r = cmd.ExecuteReader();
        var items = new List<ContactRecord>();
        while (r.Read())
        {
            items.Add(new ContactRecord(r.GetInt64(0), r.GetInt64(1), UnixMs.ToInstant(r.GetInt64(2)), (ContactChannel)r.GetInt32(3), r.GetInt32(4) != 0, r.TextOrNull(5), r.TextOrNull(6), r.GetString(7)));
        }

        return Task.FromResult(Paged.From(items, page.Size, c => PageToken.Encode(UnixMs.Of(c.At), c.Id)));
    }

    public Task<IReadOnlyList<ImportedRow>> ImportAsync(TenantId tenant, IReadOnlyList<(int Row, CustomerDraft Draft)> rows, CancellationToken cancellationToken = default)
    {
        var t = tenant.Require();
        ArgumentNullException.ThrowIfNull(rows);
        return db.Writes.ExecuteAsync<IReadOnlyList<ImportedRow>>(w =>
        {
            var results = new List<ImportedRow>(rows.Count);
            foreach (var (row, draft) in rows)
            {
                // A savepoint per row: a row the database rejects leaves no trace, the others stay.
                w.Execute("SAVEPOINT import_row");
                try
                {
                    results.Add(new ImportedRow(row, Insert(w, t, draft), null));
                    w.Execute("RELEASE import_row");
                }
                catch (Exception e) when (e is CrmValidationException or SqliteException)
                {
                    w.Execute("ROLLBACK TO import_row");
                    w.Execute("RELEASE import_row");
                    results.Add(new ImportedRow(row, null, e.Message));
                }
            }

            return results;
        }, cancellationToken);
    }
}
