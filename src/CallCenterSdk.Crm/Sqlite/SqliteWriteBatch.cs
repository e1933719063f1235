using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>What a write operation gets: the writer connection inside the batch's transaction, and
/// commands cached per SQL text so their statements are prepared once for the connection's life.</summary>
internal sealed class SqliteWriteBatch
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteWriteBatch(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>A cached command for <paramref name="sql"/> with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = Connection.CreateCommand();
#pragma warning disable CA2100 // SQL text comes from this assembly's constants, never from input.
            cmd.CommandText = sql;
#pragma warning restore CA2100
            _commands[sql] = cmd;
        }

        cmd.Transaction = Transaction;
        cmd.Parameters.Clear();
        return cmd;
    }

    /// <summary>Runs a statement without parameters (savepoints).</summary>
    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void DisposeCommands()
    {
        foreach (var cmd in _commands.Values)
        {
            cmd.Dispose();
        }

        _commands.Clear();
    }
}
