using System.Text.Json;

namespace CallCenterSdk.Crm.Storage;

/// <summary>String maps (custom fields, CDR variables, tags) as JSON text in a column.</summary>
internal static class JsonMap
{
    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();

    public static string Write(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? "{}" : JsonSerializer.Serialize(map);

    public static IReadOnlyDictionary<string, string> Read(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return EmptyMap;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? EmptyMap;
        }
        catch (JsonException e)
        {
            throw new CrmSchemaException($"a stored JSON map is corrupt: {e.Message}", e);
        }
    }

    public static string WriteList(IReadOnlyList<string>? list) =>
        list is null || list.Count == 0 ? "[]" : JsonSerializer.Serialize(list);

    public static IReadOnlyList<string> ReadList(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "[]")
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException e)
        {
            throw new CrmSchemaException($"a stored JSON list is corrupt: {e.Message}", e);
        }
    }
}
