using System.Diagnostics;
using System.Globalization;
using Akka.Ingest.StatusFeed;
using Npgsql;

namespace Akka.Ingest.Bench;

/// <summary>
/// How far behind the status relay is: the transitions still in <c>status_outbox</c> (committed with the counts,
/// not yet journaled and deleted) and the events in the journal, read from the host's database.
/// </summary>
public static class StatusFeedProbe
{
    public sealed record Position(long Pending, long Journaled);

    public static async Task<Position> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ReadAsync(connection);
    }

    public static async Task<Position> ReadAsync(NpgsqlConnection connection)
    {
        await using var pending = new NpgsqlCommand("SELECT count(*) FROM status_outbox", connection);
        var outbox = (long)(await pending.ExecuteScalarAsync())!;
        // The journal exists once a relay recovered for the first time; before that nothing is journaled.
        await using var exists = new NpgsqlCommand("SELECT to_regclass('journal') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
            return new Position(outbox, 0);
        await using var journaled = new NpgsqlCommand("SELECT count(*) FROM journal", connection);
        return new Position(outbox, (long)(await journaled.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// Polls every 50 ms until the outbox is empty. Returns when that happened (seconds after the call), and the drain
    /// rate: the outbox's first reading over the time from the last poll that showed nothing more journaled until it
    /// was empty (transitions per second; 0 if it was empty from the start). Only the first and the last reading count
    /// rows: a poll reads one end of each table's index, because counting a large outbox and journal every 50 ms kept
    /// a PostgreSQL backend busy half the time, beside the relay it measures.
    /// </summary>
    public static async Task<(double Seconds, double DrainPerSecond, Position Last)> WaitUntilCaughtUpAsync(string connectionString, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var started = Stopwatch.GetTimestamp();
        var first = await ReadAsync(connection);
        var firstJournaled = await RelayedThroughAsync(connection);
        var lastWhole = Stopwatch.GetTimestamp();
        var empty = first.Pending == 0;
        while (!empty)
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
                throw new TimeoutException($"The status relay did not catch up within {timeout}: {(await ReadAsync(connection)).Pending} transitions still in the outbox.");
            await Task.Delay(50);
            empty = await OutboxEmptyAsync(connection);
            if (!empty && await RelayedThroughAsync(connection) <= firstJournaled)
                lastWhole = Stopwatch.GetTimestamp();
        }
        var now = Stopwatch.GetTimestamp();
        var draining = Stopwatch.GetElapsedTime(lastWhole, now).TotalSeconds;
        return (Stopwatch.GetElapsedTime(started, now).TotalSeconds, first.Pending > 0 && draining > 0 ? first.Pending / draining : 0,
            await ReadAsync(connection));
    }

    private static async Task<bool> OutboxEmptyAsync(NpgsqlConnection connection)
    {
        await using var oldest = new NpgsqlCommand("SELECT id FROM status_outbox ORDER BY id LIMIT 1", connection);
        return await oldest.ExecuteScalarAsync() is null;
    }

    /// <summary>The relay journals under one persistence id with gapless sequence numbers: the newest is how many it journaled.</summary>
    private static async Task<long> RelayedThroughAsync(NpgsqlConnection connection)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('journal') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
            return 0;
        await using var newest = new NpgsqlCommand("SELECT coalesce(max(sequence_number), 0) FROM journal WHERE persistence_id = $1", connection);
        newest.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StatusRelayActor.RelayPersistenceId });
        return (long)(await newest.ExecuteScalarAsync())!;
    }

    public static string Describe(Position position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Pending:#,0} pending, {position.Journaled:#,0} journaled");
}
