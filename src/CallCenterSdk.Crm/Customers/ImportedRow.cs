namespace CallCenterSdk.Crm.Customers;

/// <summary>What the store did with one imported row.</summary>
/// <param name="Row">The row number in the source (1-based, header is row 1).</param>
/// <param name="CustomerId">The new customer's id, or null when rejected.</param>
/// <param name="Error">Why the row was rejected, or null.</param>
public sealed record ImportedRow(int Row, long? CustomerId, string? Error);
