namespace CallCenterSdk.Crm.Paging;

/// <summary>One page of results and the token for the next page.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items of this page, in the query's order.</param>
/// <param name="NextPageToken">Pass to the next query to continue; null when this is the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
