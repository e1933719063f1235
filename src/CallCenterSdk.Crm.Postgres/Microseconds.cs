namespace CallCenterSdk.Crm.Postgres;

/// <summary>Instants as microseconds since the Unix epoch: timestamptz's exact resolution, used in page tokens.</summary>
internal static class Microseconds
{
    private const long Min = -62_135_596_800_000_000L; // 0001-01-01
    private const long Max = 253_402_300_799_999_999L; // 9999-12-31

    public static long Of(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToInstant(long microseconds) => microseconds is >= Min and <= Max
        ? DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10)
        : throw new CrmValidationException("page.token", "is not a token this store issued (time out of range)");
}
