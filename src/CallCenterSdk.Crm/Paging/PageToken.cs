using System.Globalization;

namespace CallCenterSdk.Crm.Paging;

/// <summary>Keyset paging token: the sort key and id of the last row of the previous page
/// ("after (key, id)"), so deep pages cost the same as the first.</summary>
internal static class PageToken
{
    public static string Encode(long key, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{key}.{id}");

    public static (long Key, long Id) Decode(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(token.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            || !long.TryParse(token.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new CrmValidationException("page.token", $"'{token}' is not a token this store issued");
        }

        return (key, id);
    }
}
