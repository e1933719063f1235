using NpgsqlTypes;

namespace CallCenterSdk.Crm.Postgres;

/// <summary>
/// The CDR queue wait column of a schema version: <c>queue_wait_ms</c> (bigint, milliseconds) from version 5,
/// <c>queue_wait_s</c> (int, whole seconds) before. A store opened at an older version (the "before" figures of
/// CrmLab's <c>--schema</c>) reads and writes the old column, in milliseconds on the C# side either way.
/// </summary>
internal sealed class QueueWaitColumn
{
    private QueueWaitColumn(string name, string milliseconds, bool inSeconds)
    {
        Name = name;
        Milliseconds = milliseconds;
        InSeconds = inSeconds;
    }

    /// <summary>The column's name, for INSERT and COPY column lists.</summary>
    public string Name { get; }

    /// <summary>SQL for the wait in milliseconds (bigint), for SELECT lists and reports.</summary>
    public string Milliseconds { get; }

    private bool InSeconds { get; }

    public static QueueWaitColumn For(int schemaVersion) => schemaVersion >= 5
        ? new("queue_wait_ms", "queue_wait_ms", inSeconds: false)
        : new("queue_wait_s", "(queue_wait_s::bigint * 1000)", inSeconds: true);

    /// <summary>The database type of the value <see cref="Value"/> gives.</summary>
    public NpgsqlDbType Type => InSeconds ? NpgsqlDbType.Integer : NpgsqlDbType.Bigint;

    /// <summary>The value to write for a wait in milliseconds (whole seconds, truncated, before version 5).</summary>
    public object Value(long milliseconds) => InSeconds ? (int)(milliseconds / 1000) : milliseconds;
}
