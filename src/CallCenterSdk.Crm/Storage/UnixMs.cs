namespace CallCenterSdk.Crm.Storage;

/// <summary>Instants as Unix milliseconds (the SQLite column type for times).</summary>
internal static class UnixMs
{
    public static long Of(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToInstant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
