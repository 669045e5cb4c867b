using Akka.Ingest.StatusFeed;
using Npgsql;

namespace Akka.Ingest.Stores.Postgres;

/// <summary>
/// The PostgreSQL side of <see cref="IRelayLease"/>: a session advisory lock on <see cref="LockKey"/>, taken with
/// <c>pg_try_advisory_lock</c> on one connection of its own (unpooled) that it keeps while it contends. PostgreSQL
/// releases the lock when that session ends, however it ends (the host stops or dies, the connection is terminated),
/// and only then. While another host holds it, this one tries again every retry interval on the same connection.
/// While this host holds it, it waits on the connection with Npgsql's keepalive query every retry interval: an ended
/// session surfaces at once as an error, a cut path at the next keepalive; either way it reports the lease lost, so
/// the relay stops, and contends again on a new connection after a retry interval.
/// </summary>
internal sealed class PostgresRelayLease : IRelayLease
{
    /// <summary>The lock's key, the same on every host of one database: "ingrelay" in ASCII.</summary>
    public const long LockKey = 0x696E_6772_656C_6179;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _retryInterval;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _contending;
    private Task _loop = Task.CompletedTask;

    public PostgresRelayLease(string connectionString, TimeSpan retryInterval)
    {
        _retryInterval = retryInterval;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Pooling = false;
        builder.ConnectionStringBuilder.KeepAlive = Math.Max(1, (int)Math.Ceiling(retryInterval.TotalSeconds));
        builder.ConnectionStringBuilder.ApplicationName ??= "akka-ingest relay lease";
        _dataSource = builder.Build();
        var csb = builder.ConnectionStringBuilder;
        Description = $"PostgreSQL advisory lock {LockKey} on {csb.Host}:{csb.Port}/{csb.Database}";
    }

    public string Description { get; }

    public IDisposable Contend(Action<RelayLeaseChange> changed)
    {
        lock (_lock)
        {
            if (_contending is not null)
                throw new InvalidOperationException("The relay lease has a contender already.");
            var contending = new CancellationTokenSource();
            _contending = contending;
            var previous = _loop;
            _loop = Task.Run(async () =>
            {
                // The previous contender's session must have ended first: a second one of this host would wait for it.
                await previous;
                await ContendAsync(changed, contending.Token);
            });
            return new Contention(this, contending);
        }
    }

    private void GiveUp(CancellationTokenSource contending)
    {
        lock (_lock)
        {
            if (_contending != contending)
                return;
            contending.Cancel();
            contending.Dispose();
            _contending = null;
        }
    }

    private async Task ContendAsync(Action<RelayLeaseChange> changed, CancellationToken stopping)
    {
        bool? reported = null;
        void Report(bool held, string reason)
        {
            if (reported == held)
                return;
            reported = held;
            changed(new RelayLeaseChange(held, reason));
        }

        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Closed on the way out, before the loss is reported: the session ends, and with it the lock.
                await using var connection = await _dataSource.OpenConnectionAsync(stopping);
                while (!await TryLockAsync(connection, stopping))
                {
                    Report(false, "another host holds it");
                    await Task.Delay(_retryInterval, stopping);
                }
                Report(true, $"taken by session {connection.ProcessID}");
                while (true)
                    await connection.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Report(false, $"its connection failed: {ex.GetBaseException().Message}");
            }
            try
            {
                await Task.Delay(_retryInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _contending?.Cancel();
            _contending?.Dispose();
            _contending = null;
        }
        await _loop;
        await _dataSource.DisposeAsync();
    }

    private sealed class Contention(PostgresRelayLease lease, CancellationTokenSource contending) : IDisposable
    {
        public void Dispose() => lease.GiveUp(contending);
    }
}
