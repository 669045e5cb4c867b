using System.Threading.Channels;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores;
using Npgsql;

namespace Akka.Ingest.IntegrationTests.Stores;

/// <summary>
/// The relay lease on PostgreSQL (a session advisory lock): one contender of a database holds it at a time; the other
/// takes it once the holder gives it up or its session ends, and a holder whose session is ended says so at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRelayLeaseSpecs(PostgresFixture postgres)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Long enough that a loss noticed sooner was not noticed by the keepalive (one per retry interval).</summary>
    private static readonly TimeSpan LongRetryInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_grant_the_lease_to_one_contender_and_to_the_other_once_the_holder_gives_it_up()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("lease");
        await using var firstLease = Lease(connectionString, RetryInterval);
        await using var secondLease = Lease(connectionString, RetryInterval);
        var first = Channel.CreateUnbounded<RelayLeaseChange>();
        var second = Channel.CreateUnbounded<RelayLeaseChange>();

        var firstContention = firstLease.Contend(change => first.Writer.TryWrite(change));
        Assert.True((await NextAsync(first)).Held);
        using var secondContention = secondLease.Contend(change => second.Writer.TryWrite(change));
        Assert.Equal(new RelayLeaseChange(false, "another host holds it"), await NextAsync(second));

        firstContention.Dispose();

        Assert.True((await NextAsync(second)).Held, "The other contender takes the lease once the holder gives it up.");
    }

    [Fact]
    public async Task Should_say_the_lease_is_lost_at_once_when_the_holders_session_is_terminated_and_let_the_other_take_it()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("lease");
        await using var firstLease = Lease(connectionString, LongRetryInterval);
        await using var secondLease = Lease(connectionString, LongRetryInterval);
        var first = Channel.CreateUnbounded<RelayLeaseChange>();
        var second = Channel.CreateUnbounded<RelayLeaseChange>();
        using var firstContention = firstLease.Contend(change => first.Writer.TryWrite(change));
        Assert.True((await NextAsync(first)).Held);
        using var secondContention = secondLease.Contend(change => second.Writer.TryWrite(change));
        Assert.False((await NextAsync(second)).Held);

        var terminated = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, await TerminateHolderAsync(connectionString));

        var lost = await NextAsync(first);
        Assert.False(lost.Held);
        Assert.True(terminated.Elapsed < TimeSpan.FromSeconds(2), $"The loss was reported after {terminated.Elapsed}.");
        Assert.Contains("its connection failed", lost.Reason);
        Assert.True((await NextAsync(second)).Held, "The other contender takes the lease once the holder's session is gone.");
    }

    private static IRelayLease Lease(string connectionString, TimeSpan retryInterval) =>
        RelayLeaseFactory.Create(new CounterStoreOptions { Kind = StoreKind.Postgres, ConnectionString = connectionString }, retryInterval);

    private static async Task<RelayLeaseChange> NextAsync(Channel<RelayLeaseChange> changes)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await changes.Reader.ReadAsync(timeout.Token);
    }

    private static async Task<int> TerminateHolderAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(pg_terminate_backend(pid))::int FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
