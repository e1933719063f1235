using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CallCenterSdk.Crm.Import;

/// <summary>Reads a CSV file (RFC 4180; ',' or ';' separated, detected from the header) into a header and rows.</summary>
internal static class CsvCustomerSource
{
    public static (IReadOnlyList<string> Header, List<SourceRow> Rows) Read(TextReader reader)
    {
        var badRows = new Dictionary<int, string>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            Mode = CsvMode.RFC4180,
            BadDataFound = args => badRows[args.Context.Parser!.Row] = $"malformed CSV field near '{Shorten(args.Field)}'",
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(reader, config, leaveOpen: true);
        if (!parser.Read())
        {
            throw new ImportFormatException("the CSV file is empty (no header row)");
        }

        var header = parser.Record ?? [];
        var rows = new List<SourceRow>();
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            var row = parser.Row;
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(badRows.TryGetValue(row, out var error) ? new SourceRow(row, record, error) : new SourceRow(row, record));
        }

        return (header, rows);
    }

    private static string Shorten(string field) => field.Length > 40 ? field[..40] + "…" : field;
}
