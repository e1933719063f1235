namespace CallCenterSdk.Crm.Paging;

/// <summary>Which page to read: a size and the token the previous page returned.</summary>
/// <param name="Size">Items per page, 1 to <see cref="MaxSize"/>.</param>
/// <param name="Token">Null for the first page, else the previous page's <see cref="Page{T}.NextPageToken"/>.</param>
public sealed record PageRequest(int Size = 100, string? Token = null)
{
    /// <summary>Largest page size accepted.</summary>
    public const int MaxSize = 10_000;

    /// <summary>The first page of 100 items.</summary>
    public static PageRequest First { get; } = new();

    /// <summary>Throws <see cref="CrmValidationException"/> when the size is out of range.</summary>
    internal void Validate()
    {
        if (Size is < 1 or > MaxSize)
        {
            throw new CrmValidationException("page.size", $"must be between 1 and {MaxSize}, was {Size}");
        }
    }
}
