namespace CallCenterSdk.Crm.Import;

/// <summary>The outcome of an import: how many rows were read and imported, and every error by row.</summary>
/// <param name="RowsRead">Data rows read (not counting the header and blank rows).</param>
/// <param name="Imported">Ids of the customers created, in source order.</param>
/// <param name="Errors">Every problem found, by row; a row listed here was not imported.</param>
public sealed record ImportReport(int RowsRead, IReadOnlyList<long> Imported, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>Rows rejected (distinct rows in <see cref="Errors"/>).</summary>
    public int RowsRejected => Errors.Select(e => e.Row).Distinct().Count();
}
