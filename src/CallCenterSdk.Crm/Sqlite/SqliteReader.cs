using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>
/// A read-only connection that keeps its commands, so hot look-ups (screen pop) skip compiling
/// their SQL on every call. Rented from and returned to <see cref="SqliteDatabase"/>; one user at a time.
/// </summary>
internal sealed class SqliteReader(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The cached command for <paramref name="sql"/> with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = Connection.CreateCommand();
#pragma warning disable CA2100 // SQL text comes from this assembly's constants, never from input.
            cmd.CommandText = sql;
#pragma warning restore CA2100
            cmd.Prepare();
            _commands[sql] = cmd;
        }

        cmd.Parameters.Clear();
        return cmd;
    }

    public void Dispose()
    {
        foreach (var cmd in _commands.Values)
        {
            cmd.Dispose();
        }

        Connection.Dispose();
    }
}
