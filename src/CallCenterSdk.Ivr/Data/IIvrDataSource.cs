namespace CallCenterSdk.Ivr.Data;

/// <summary>
/// A look-up service a flow can call (a CRM by caller number, an order status). HTTP ships with the SDK
/// (<see cref="HttpIvrDataSource"/>); database sources are the host's.
/// </summary>
public interface IIvrDataSource
{
    /// <summary>
    /// Runs <paramref name="operation"/> with <paramref name="parameters"/> and returns flat results
    /// (nested values named with dots: <c>customer.name</c>). Throws <see cref="DataLookupException"/> on failure.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, string?>> LookupAsync(string operation, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken);
}
