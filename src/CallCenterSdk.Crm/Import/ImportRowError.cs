namespace CallCenterSdk.Crm.Import;

/// <summary>Why one source row was not imported (a row with any error is not imported at all).</summary>
/// <param name="Row">Row number in the source (the header is row 1).</param>
/// <param name="Field">The column or field at fault.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record ImportRowError(int Row, string Field, string Reason);
