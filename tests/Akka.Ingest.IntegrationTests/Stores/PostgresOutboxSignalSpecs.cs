using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Npgsql;

namespace Akka.Ingest.IntegrationTests.Stores;

/// <summary>
/// PostgreSQL tells the relay of any host when a commit recorded a status transition (<c>LISTEN</c>/<c>NOTIFY</c>),
/// so the relay need not poll an idle outbox.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxSignalSpecs(PostgresFixture postgres)
{
    private const string Channel = "ingest_status_outbox";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_signal_the_subscriber_of_another_host_when_a_commit_records_a_transition()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("signal");
        await using var writing = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        await writing.MigrateAsync(default);
        await using var relaying = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        using var signals = new SemaphoreSlim(0);
        using var subscription = ((IOutboxSignal)relaying).Subscribe(() => signals.Release());
        await ListenerPidAsync(connectionString, except: null);
        Assert.True(await signals.WaitAsync(Patience), "The listener signals once when it starts listening.");

        await writing.ApplyAsync(CounterBatch.FromDistinct(new BatchId("signal-spec", 1), [new DomainDelta("signal.example", 0, 1)]), default);

        Assert.True(await signals.WaitAsync(Patience), "A commit with a transition signals the other host's subscriber.");
    }

    [Fact]
    public async Task Should_listen_again_and_signal_after_its_connection_is_terminated()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("signal");
        await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        await store.MigrateAsync(default);
        using var signals = new SemaphoreSlim(0);
        using var subscription = ((IOutboxSignal)store).Subscribe(() => signals.Release());
        var first = await ListenerPidAsync(connectionString, except: null);
        Assert.True(await signals.WaitAsync(Patience));

        await ExecuteAsync(connectionString, $"SELECT pg_terminate_backend({first})");

        // The lost connection signals (something may have committed unseen), and so does the new one once it listens.
        await ListenerPidAsync(connectionString, except: first);
        Assert.True(await signals.WaitAsync(Patience), "Losing the connection signals.");
        while (signals.CurrentCount > 0)
            await signals.WaitAsync(0);
        await store.ApplyAsync(CounterBatch.FromDistinct(new BatchId("signal-spec", 1), [new DomainDelta("again.example", 0, 1)]), default);
        Assert.True(await signals.WaitAsync(Patience), "A commit after the reconnection signals.");
    }

    [Fact]
    public async Task Should_hold_no_listening_connection_once_nobody_subscribes()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("signal");
        await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        await store.MigrateAsync(default);
        var subscription = ((IOutboxSignal)store).Subscribe(() => { });
        await ListenerPidAsync(connectionString, except: null);

        subscription.Dispose();

        await Eventually.TrueAsync(async () => await ListenersAsync(connectionString) == 0, Patience, "the listening connection closes");
    }

    private static async Task<int> ListenerPidAsync(string connectionString, int? except)
    {
        int? listener = null;
        await Eventually.TrueAsync(async () => (listener = await FindListenerAsync(connectionString, except)) is not null,
            Patience, "a connection of the database listens");
        return listener!.Value;
    }

    private static async Task<int?> FindListenerAsync(string connectionString, int? except)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {Channel}' AND state = 'idle'",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetInt32(0) != except)
                return reader.GetInt32(0);
        }
        return null;
    }

    private static async Task<long> ListenersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {Channel}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

}
