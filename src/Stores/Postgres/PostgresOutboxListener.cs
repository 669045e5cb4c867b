using Akka.Ingest.StatusFeed;
using Npgsql;

namespace Akka.Ingest.Stores.Postgres;

/// <summary>
/// The PostgreSQL side of <see cref="IOutboxSignal"/>: every transaction that inserts into <c>status_outbox</c> notifies
/// <see cref="Channel"/> (a trigger, migration 0006; PostgreSQL delivers it at commit, folded to one per transaction,
/// whichever host or node wrote), and while anyone subscribes this listener holds one connection of its own on
/// <c>LISTEN</c>, idle but for a keepalive. After each (re)connection it signals once: what committed while it did not
/// listen may be waiting. A lost connection is opened again after a pause that grows to <see cref="MaxRetryDelay"/>.
/// </summary>
internal sealed class PostgresOutboxListener : IOutboxSignal, IAsyncDisposable
{
    public const string Channel = "ingest_status_outbox";
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _dataSource;
    private readonly OutboxSignalSubscribers _subscribers;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _listening;
    private Task _loop = Task.CompletedTask;

    public PostgresOutboxListener(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Pooling = false;
        // Npgsql's keepalive query while it waits: a dead server or a cut path surfaces as an error, not a silent wait.
        builder.ConnectionStringBuilder.KeepAlive = 30;
        builder.ConnectionStringBuilder.ApplicationName ??= "akka-ingest outbox listener";
        _dataSource = builder.Build();
        _subscribers = new OutboxSignalSubscribers(Start, Stop);
    }

    public IDisposable Subscribe(Action entriesMayBeWaiting) => _subscribers.Subscribe(entriesMayBeWaiting);

    private void Start()
    {
        lock (_lock)
        {
            if (_listening is not null)
                return;
            _listening = new CancellationTokenSource();
            var previous = _loop;
            var token = _listening.Token;
            _loop = Task.Run(async () =>
            {
                await previous;
                await ListenAsync(token);
            });
        }
    }

    private void Stop()
    {
        lock (_lock)
        {
            _listening?.Cancel();
            _listening?.Dispose();
            _listening = null;
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var delay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping);
                connection.Notification += (_, _) => _subscribers.Raise();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                delay = FirstRetryDelay;
                _subscribers.Raise();
                while (true)
                    await connection.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                _subscribers.Raise();
                try
                {
                    await Task.Delay(delay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _loop;
        await _dataSource.DisposeAsync();
    }
}
