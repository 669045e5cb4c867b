using System.Diagnostics;
using Npgsql;

namespace Akka.Ingest.Bench;

/// <summary>
/// PostgreSQL's transaction counters for one database: <c>pg_stat_database.xact_commit</c> (every committed
/// transaction, reads included; a backend reports it at most once a second, and up to 10 s late once it goes idle,
/// so a reading is only complete some seconds after the load stopped) and the next transaction id
/// (<c>pg_current_snapshot()</c>: write transactions, server-wide, exact at once).
/// </summary>
public sealed class PostgresCounters(string adminConnectionString, string database)
{
    public async Task<Snapshot> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = $1),
                   pg_snapshot_xmax(pg_current_snapshot())::text::bigint
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Snapshot(reader.GetInt64(0), reader.GetInt64(1), Stopwatch.GetTimestamp());
    }

    /// <summary>The counters at one moment (<see cref="Timestamp"/>: <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public sealed record Snapshot(long Commits, long NextTransactionId, long Timestamp)
    {
        public double SecondsUntil(Snapshot later) => Stopwatch.GetElapsedTime(Timestamp, later.Timestamp).TotalSeconds;
    }
}
