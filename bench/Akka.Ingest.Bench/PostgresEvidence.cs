using System.Globalization;
using System.Text;
using Npgsql;

namespace Akka.Ingest.Bench;

/// <summary>
/// What PostgreSQL did during a group of measurements: checkpoints (<c>pg_stat_bgwriter</c>), WAL written and
/// flushed (<c>pg_stat_wal</c>), and the statements that took its time (<c>pg_stat_statements</c>, summed over the
/// run's databases).
/// </summary>
public sealed class PostgresEvidence(string adminConnectionString)
{
    private Snapshot _start = new(0, 0, 0, 0, 0, 0);

    public async Task InitializeAsync()
    {
        await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    public async Task BeginAsync()
    {
        await ExecuteAsync("SELECT pg_stat_statements_reset()");
        _start = await SnapshotAsync();
    }

    /// <summary>A Markdown paragraph and table on what happened since <see cref="BeginAsync"/>.</summary>
    public async Task<string> DescribeAsync(string group)
    {
        var end = await SnapshotAsync();
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"**{group}** — checkpoints: {end.CheckpointsTimed - _start.CheckpointsTimed} timed, "
            + $"{end.CheckpointsRequested - _start.CheckpointsRequested} requested, {end.BuffersCheckpoint - _start.BuffersCheckpoint} buffers written by them; "
            + $"WAL: {(end.WalBytes - _start.WalBytes) / 1048576.0:0} MiB in {end.WalSyncs - _start.WalSyncs} fsyncs "
            + $"({(end.WalSyncMs - _start.WalSyncMs):0} ms in fsync)."));
        text.AppendLine();
        text.AppendLine("| statement | calls | exec ms | mean exec ms | plans | plan ms | rows |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 90), sum(calls)::bigint, sum(total_exec_time), coalesce(sum(total_exec_time) / nullif(sum(calls), 0), 0),
                   sum(plans)::bigint, sum(total_plan_time), sum(rows)::bigint
            FROM pg_stat_statements
            WHERE query NOT ILIKE '%pg_stat%'
            GROUP BY 1
            ORDER BY sum(total_exec_time + total_plan_time) DESC LIMIT 8
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            text.AppendLine(string.Create(c, $"| `{reader.GetString(0).Replace("|", "\\|")}` | {reader.GetInt64(1)} | {reader.GetDouble(2):0} | {reader.GetDouble(3):0.00} | {reader.GetInt64(4)} | {reader.GetDouble(5):0} | {reader.GetInt64(6)} |"));
        }
        return text.ToString();
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT b.checkpoints_timed, b.checkpoints_req, b.buffers_checkpoint, w.wal_bytes::bigint, w.wal_sync, w.wal_sync_time
            FROM pg_stat_bgwriter b, pg_stat_wal w
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Snapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Snapshot(long CheckpointsTimed, long CheckpointsRequested, long BuffersCheckpoint, long WalBytes, long WalSyncs, double WalSyncMs);
}
