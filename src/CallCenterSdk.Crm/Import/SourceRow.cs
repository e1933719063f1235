namespace CallCenterSdk.Crm.Import;

/// <summary>One data row of a CSV or XLSX source: its row number and cells by column index, or the reason it could not be read.</summary>
/// <param name="Row">Row number (header is 1).</param>
/// <param name="Cells">Cell texts by column index (may be shorter than the header).</param>
/// <param name="ReadError">Set when the row itself is malformed (for example a stray quote).</param>
internal sealed record SourceRow(int Row, IReadOnlyList<string> Cells, string? ReadError = null);
