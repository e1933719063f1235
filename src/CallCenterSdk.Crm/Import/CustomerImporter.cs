using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Import;

/// <summary>
/// Imports customers from CSV or XLSX into a tenant's directory. Columns: <c>name</c> (required),
/// <c>company</c>, <c>email</c>, <c>phone</c>/<c>phone2</c>/... (or <c>phones</c> with ';'-separated
/// numbers), and one column per custom field by its name. Every row is validated completely; a row
/// with any error is reported and not imported, and a valid row is written atomically (customer,
/// numbers and fields together or not at all).
/// </summary>
public sealed class CustomerImporter
{
    private const int ChunkSize = 500;
    private readonly ICustomerDirectory _directory;

    /// <summary>Creates an importer writing into <paramref name="directory"/>.</summary>
    /// <param name="directory">The target directory.</param>
    public CustomerImporter(ICustomerDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
    }

    /// <summary>Imports a CSV file.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="csv">The CSV text.</param>
    /// <param name="cancellationToken">Cancels the operation (rows already written stay).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFormatException">No header, no name column or an unknown column.</exception>
    public Task<ImportReport> ImportCsvAsync(TenantId tenant, TextReader csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var (header, rows) = CsvCustomerSource.Read(csv);
        return ImportAsync(tenant, header, rows, cancellationToken);
    }

    /// <summary>Imports the first worksheet of an XLSX workbook.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="xlsx">The workbook.</param>
    /// <param name="cancellationToken">Cancels the operation (rows already written stay).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFormatException">Not a workbook, no header, no name column or an unknown column.</exception>
    public Task<ImportReport> ImportXlsxAsync(TenantId tenant, Stream xlsx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        var (header, rows) = XlsxCustomerSource.Read(xlsx);
        return ImportAsync(tenant, header, rows, cancellationToken);
    }

    private async Task<ImportReport> ImportAsync(TenantId tenant, IReadOnlyList<string> header, List<SourceRow> rows, CancellationToken cancellationToken)
    {
        var fields = await _directory.GetFieldsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var plan = await _directory.GetDialPlanAsync(tenant, cancellationToken).ConfigureAwait(false);
        var columns = MapColumns(header, fields);
        var errors = new List<ImportRowError>();
        var imported = new List<long>();
        var pending = new List<(int, CustomerDraft)>();
        foreach (var row in rows)
        {
            if (row.ReadError is not null)
            {
                errors.Add(new ImportRowError(row.Row, "row", row.ReadError));
                continue;
            }

            var draft = ToDraft(row, columns);
            var problems = CustomerRules.Check(draft, plan, fields, out _);
            if (problems.Count > 0)
            {
                errors.AddRange(problems.Select(p => new ImportRowError(row.Row, p.Field, p.Reason)));
                continue;
            }

            pending.Add((row.Row, draft));
            if (pending.Count == ChunkSize)
            {
                await FlushAsync(tenant, pending, imported, errors, cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(tenant, pending, imported, errors, cancellationToken).ConfigureAwait(false);
        errors.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        return new ImportReport(rows.Count, imported, errors);
    }

    private async Task FlushAsync(TenantId tenant, List<(int, CustomerDraft)> pending, List<long> imported, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var results = await _directory.ImportAsync(tenant, [.. pending], cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            if (result.CustomerId is { } id)
            {
                imported.Add(id);
            }
            else
            {
                errors.Add(new ImportRowError(result.Row, "row", result.Error ?? "rejected by the store"));
            }
        }

        pending.Clear();
    }

    private enum ColumnKind
    {
        Name,
        Company,
        Email,
        Phone,
        Phones,
        Field,
    }

    private static List<(int Index, ColumnKind Kind, string Name)> MapColumns(IReadOnlyList<string> header, IReadOnlyList<CustomFieldDefinition> fields)
    {
        var columns = new List<(int, ColumnKind, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!seen.Add(name))
            {
                throw new ImportFormatException($"column '{name}' appears twice in the header");
            }

            var lower = name.ToUpperInvariant();
            var kind = lower switch
            {
                "NAME" => ColumnKind.Name,
                "COMPANY" => ColumnKind.Company,
                "EMAIL" or "E-MAIL" => ColumnKind.Email,
                "PHONES" => ColumnKind.Phones,
                _ when lower.StartsWith("PHONE", StringComparison.Ordinal) && lower[5..].All(char.IsAsciiDigit) => ColumnKind.Phone,
                _ => ColumnKind.Field,
            };
            if (kind == ColumnKind.Field && !fields.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal)))
            {
                throw new ImportFormatException($"column '{name}' (column {i + 1}) is neither a standard column nor a custom field of this tenant");
            }

            columns.Add((i, kind, name));
        }

        if (!columns.Exists(c => c.Item2 == ColumnKind.Name))
        {
            throw new ImportFormatException("the header has no 'name' column");
        }

        return columns;
    }

    private static CustomerDraft ToDraft(SourceRow row, List<(int Index, ColumnKind Kind, string Name)> columns)
    {
        string? name = null, company = null, email = null;
        var phones = new List<string>();
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (index, kind, columnName) in columns)
        {
            var value = index < row.Cells.Count ? row.Cells[index].Trim() : string.Empty;
            switch (kind)
            {
                case ColumnKind.Name:
                    name = value;
                    break;
                case ColumnKind.Company:
                    company = value;
                    break;
                case ColumnKind.Email:
                    email = value;
                    break;
                case ColumnKind.Phone:
                    phones.Add(value);
                    break;
                case ColumnKind.Phones:
                    phones.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default:
                    custom[columnName] = value;
                    break;
            }
        }

        return new CustomerDraft(name ?? string.Empty, company, email, phones, custom);
    }
}
