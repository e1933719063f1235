using System.Globalization;
using ClosedXML.Excel;

namespace CallCenterSdk.Crm.Import;

/// <summary>Reads the first worksheet of an XLSX workbook into a header (row 1) and rows.</summary>
internal static class XlsxCustomerSource
{
    public static (IReadOnlyList<string> Header, List<SourceRow> Rows) Read(Stream stream)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ImportFormatException($"not a readable XLSX workbook: {e.Message}", e);
        }

        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault()
                ?? throw new ImportFormatException("the workbook has no worksheet");
            var used = sheet.RangeUsed();
            if (used is null)
            {
                throw new ImportFormatException("the first worksheet is empty (no header row)");
            }

            var lastColumn = used.LastColumn().ColumnNumber();
            var lastRow = used.LastRow().RowNumber();
            var header = new List<string>();
            for (var c = 1; c <= lastColumn; c++)
            {
                header.Add(Text(sheet.Cell(1, c)));
            }

            var rows = new List<SourceRow>();
            for (var r = 2; r <= lastRow; r++)
            {
                var cells = new string[lastColumn];
                for (var c = 1; c <= lastColumn; c++)
                {
                    cells[c - 1] = Text(sheet.Cell(r, c));
                }

                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows.Add(new SourceRow(r, cells));
            }

            return (header, rows);
        }
    }

    private static string Text(IXLCell cell)
    {
        // Numbers (phone numbers typed into a spreadsheet are often numeric) must not come back as
        // "4.93E+10": write them with invariant round-trip formatting.
        return cell.DataType switch
        {
            XLDataType.Number => cell.GetDouble().ToString("0.############", CultureInfo.InvariantCulture),
            XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            XLDataType.Boolean => cell.GetBoolean() ? "true" : "false",
            _ => cell.GetString(),
        };
    }
}
