namespace CallCenterSdk.Crm.Paging;

/// <summary>Turns "size + 1" rows read into a page: the extra row only proves there is a next page.</summary>
internal static class Paged
{
    public static Page<T> From<T>(List<T> items, int size, Func<T, string> token)
    {
        if (items.Count <= size)
        {
            return new Page<T>(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, token(items[^1]));
    }
}
