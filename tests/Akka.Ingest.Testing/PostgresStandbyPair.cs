using Npgsql;

namespace Akka.Ingest.Testing;

/// <summary>
/// A primary and its synchronous standby, two throwaway <see cref="PostgresServer"/>s (own folders, own sockets): the
/// standby is a <c>pg_basebackup -R</c> of the primary streaming from a replication slot, and the primary names it in
/// <c>synchronous_standby_names</c> with <c>synchronous_commit=on</c>, so a commit returns only once the standby has
/// flushed it. <see cref="StartAsync"/> returns once <c>pg_stat_replication</c> shows the standby streaming and
/// <c>sync</c>. A spec fails over with <see cref="StopPrimaryAsync"/> (a crash) and <see cref="PromoteStandbyAsync"/>;
/// disposing stops both servers and deletes their folders.
/// </summary>
public sealed class PostgresStandbyPair : IAsyncDisposable
{
    /// <summary>The standby's application name: its replication slot and its entry in <c>synchronous_standby_names</c>.</summary>
    public const string StandbyName = "ingest_standby";

    private PostgresStandbyPair(PostgresServer primary, PostgresServer standby)
    {
        Primary = primary;
        Standby = standby;
    }

    public PostgresServer Primary { get; }

    public PostgresServer Standby { get; }

    public static async Task<PostgresStandbyPair> StartAsync(TimeSpan? syncTimeout = null)
    {
        var primary = await PostgresServer.StartAsync();
        PostgresServer? standby = null;
        try
        {
            standby = await PostgresServer.StartStandbyAsync(primary, StandbyName);
            // Only now: ALTER SYSTEM before the backup would have come along to the standby in postgresql.auto.conf.
            await using (var connection = new NpgsqlConnection(primary.AdminConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    $"ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 ({StandbyName})'; ALTER SYSTEM SET synchronous_commit = 'on'; SELECT pg_reload_conf()",
                    connection);
                await command.ExecuteNonQueryAsync();
            }
            var pair = new PostgresStandbyPair(primary, standby);
            await Eventually.TrueAsync(pair.StandbyIsSynchronousAsync, syncTimeout ?? TimeSpan.FromSeconds(30),
                $"the standby {StandbyName} is streaming and synchronous (pg_stat_replication on the primary)");
            return pair;
        }
        catch
        {
            if (standby is not null)
                await standby.DisposeAsync();
            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database on the primary (a synchronous commit: the standby has it too) and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix) =>
        new NpgsqlConnectionStringBuilder(await Primary.CreateDatabaseAsync(prefix)).Database!;

    /// <summary>
    /// Both servers in one connection string, as an application names such a pair without a virtual IP:
    /// <c>Host=primary-socket,standby-socket;Target Session Attributes=primary</c>.
    /// </summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Primary.ConnectionStringFor(database))
        {
            Host = $"{Primary.SocketDirectory},{Standby.SocketDirectory}",
            TargetSessionAttributes = "primary",
        }.ConnectionString;

    /// <summary>The primary crashes (<c>pg_ctl stop -m immediate</c>): no shutdown checkpoint, every session cut.</summary>
    public Task StopPrimaryAsync() => Primary.StopImmediateAsync();

    /// <summary><c>pg_ctl promote</c> on the standby; returns once it accepts writes.</summary>
    public Task PromoteStandbyAsync() => Standby.PromoteAsync();

    private async Task<bool> StandbyIsSynchronousAsync()
    {
        await using var connection = new NpgsqlConnection(Primary.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_replication WHERE application_name = $1 AND state = 'streaming' AND sync_state = 'sync'", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StandbyName });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Standby.DisposeAsync();
        }
        finally
        {
            await Primary.DisposeAsync();
        }
    }
}
