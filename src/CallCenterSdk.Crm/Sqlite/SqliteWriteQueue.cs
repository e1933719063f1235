using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace CallCenterSdk.Crm.Sqlite;

/// <summary>
/// The single writer of a SQLite store. Callers enqueue operations on a channel; one loop takes as
/// many as are waiting (up to the batch size), runs each inside its own SAVEPOINT of one transaction,
/// commits, and only then completes the callers' tasks. So: an acknowledged write is committed
/// (durable per <see cref="SqliteDurability"/>); a failing operation is rolled back alone and its
/// caller gets the exception; a failing commit fails every operation of the batch.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _channel;
    private readonly SqliteConnection _connection;
    private readonly SqliteWriteBatch _batch;
    private readonly int _maxBatch;
    private readonly Task _loop;

    public SqliteWriteQueue(SqliteConnection connection, int maxBatch, int maxQueued)
    {
        _connection = connection;
        _batch = new SqliteWriteBatch(connection);
        _maxBatch = maxBatch;
        _channel = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(maxQueued)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Batches committed so far (for tests and metrics).</summary>
    public long BatchesCommitted { get; private set; }

    public async Task<T> ExecuteAsync<T>(Func<SqliteWriteBatch, T> operation, CancellationToken cancellationToken)
    {
        var op = new WriteOperation<T>(operation);
        try
        {
            await _channel.Writer.WriteAsync(op, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException("the SQLite CRM store is disposed", e);
        }

        // Cancelling stops the wait only: an operation already queued may still be committed.
        return await op.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var op))
            {
                batch.Add(op);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<WriteOperation> batch)
    {
        try
        {
            using var tx = _connection.BeginTransaction();
            _batch.Transaction = tx;
            foreach (var op in batch)
            {
                _batch.Execute("SAVEPOINT op");
                try
                {
                    op.Run(_batch);
                    _batch.Execute("RELEASE op");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _batch.Execute("ROLLBACK TO op");
                    _batch.Execute("RELEASE op");
                    op.Error = e;
                }
            }

            tx.Commit();
            _batch.Transaction = null;
            BatchesCommitted++;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The transaction did not commit: nothing of this batch is stored, tell every caller.
            _batch.Transaction = null;
            foreach (var op in batch)
            {
                op.Fail(e);
            }

            return;
        }

        foreach (var op in batch)
        {
            op.Complete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _batch.DisposeCommands();
    }

    private abstract class WriteOperation
    {
        public Exception? Error { get; set; }

        public abstract void Run(SqliteWriteBatch batch);

        public abstract void Complete();

        public abstract void Fail(Exception e);
    }

    private sealed class WriteOperation<T>(Func<SqliteWriteBatch, T> operation) : WriteOperation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteWriteBatch batch) => _result = operation(batch);

        public override void Complete()
        {
            if (Error is not null)
            {
                _completion.TrySetException(Error);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception e) => _completion.TrySetException(new CrmWriteException("the batch holding this write failed to commit; nothing of it was stored", e));
    }
}
