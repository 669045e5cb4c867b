using Akka.Ingest.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Akka.Ingest.Stores.Postgres;

/// <summary>
/// A commit lane's session: one physical connection of its own with its statements prepared, so a batch is
/// one round trip — a single statement that is its own transaction. The statement records each contribution's
/// ledger row (<c>writer_progress</c>, keyed by origin), applies only the contributions that are new, upserts their
/// deltas and writes the status transitions they cause to <c>status_outbox</c> and <c>domain_status</c>.
/// </summary>
public sealed class PostgresCounterWriter : ICounterWriter
{
    // Ledger rows, then domain rows, each locked in a fixed (sorted) order, so concurrent writers on several
    // nodes cannot deadlock. The transition rules are CatchAllPolicy's, evaluated on the row before and after.
    private const string Ledger = """
        WITH ledger AS (
            INSERT INTO writer_progress AS p (writer_id, last_sequence)
            SELECT o.writer_id, o.last_sequence FROM unnest($1::text[], $2::bigint[]) AS o(writer_id, last_sequence)
            ORDER BY o.writer_id
            ON CONFLICT (writer_id) DO UPDATE
                SET last_sequence = EXCLUDED.last_sequence, updated_at = now()
                WHERE p.last_sequence < EXCLUDED.last_sequence
            RETURNING p.writer_id
        ),
        """;

    // One contribution: its deltas are already one per domain and sorted.
    private const string SingleInput = """
        input AS (
            SELECT t.domain, t.delivered, t.bounced
            FROM unnest($4::text[], $5::bigint[], $6::bigint[]) AS t(domain, delivered, bounced)
            WHERE EXISTS (SELECT 1 FROM ledger)
        ),
        """;

    // Several contributions (an owner folding several nodes' batches): only those the ledger accepted, summed per domain.
    private const string FoldedInput = """
        input AS (
            SELECT t.domain, sum(t.delivered)::bigint AS delivered, sum(t.bounced)::bigint AS bounced
            FROM unnest($3::int[], $4::text[], $5::bigint[], $6::bigint[]) AS t(origin, domain, delivered, bounced)
            WHERE ($1::text[])[t.origin] IN (SELECT writer_id FROM ledger)
            GROUP BY t.domain
        ),
        """;

    private const string ApplyAndRecord = """
        upserted AS (
            INSERT INTO domain_counts AS c (domain, delivered, bounced)
            SELECT domain, delivered, bounced FROM input ORDER BY domain
            ON CONFLICT (domain) DO UPDATE
                SET delivered = c.delivered + EXCLUDED.delivered, bounced = c.bounced + EXCLUDED.bounced
            RETURNING c.domain, c.delivered, c.bounced
        ),
        transitions AS (
            SELECT u.domain,
                   CASE WHEN u.bounced > 0 AND u.delivered - i.delivered > $7 THEN 'catch-all' ELSE 'unknown' END AS from_status,
                   CASE WHEN u.bounced > 0 THEN 'not catch-all' ELSE 'catch-all' END AS to_status,
                   u.delivered, u.bounced
            FROM upserted u JOIN input i USING (domain)
            WHERE (u.bounced > 0 AND u.bounced = i.bounced)
               OR (u.bounced = 0 AND u.delivered > $7 AND u.delivered - i.delivered <= $7)
        ),
        outbox AS (
            INSERT INTO status_outbox (domain, from_status, to_status, delivered, bounced)
            SELECT domain, from_status, to_status, delivered, bounced FROM transitions
        ),
        current_status AS (
            INSERT INTO domain_status AS s (domain, status)
            SELECT domain, to_status FROM transitions ORDER BY domain
            ON CONFLICT (domain) DO UPDATE SET status = EXCLUDED.status, changed_at = now()
        )
        SELECT NULL::text, writer_id, NULL::text, 0::bigint, 0::bigint FROM ledger
        UNION ALL
        SELECT domain, from_status, to_status, delivered, bounced FROM transitions
        """;

    private readonly NpgsqlConnection _connection;
    private readonly long _threshold;
    private NpgsqlCommand? _single;
    private NpgsqlCommand? _folded;

    private PostgresCounterWriter(NpgsqlConnection connection, long threshold)
    {
        _connection = connection;
        _threshold = threshold;
    }

    public static async Task<PostgresCounterWriter> OpenAsync(
        NpgsqlDataSource dataSource, CatchAllPolicy policy, CounterStoreOptions options, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var settings = new NpgsqlCommand(
                $"SET lock_timeout = {(long)options.LockTimeout.TotalMilliseconds}; SET statement_timeout = {(long)options.StatementTimeout.TotalMilliseconds}",
                connection);
            await settings.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresCounterWriter(connection, policy.Threshold);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<WriteOutcome> ApplyAsync(IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
    {
        var command = contributions.Count == 1
            ? _single ??= await PrepareAsync(Ledger + SingleInput + ApplyAndRecord, cancellationToken)
            : _folded ??= await PrepareAsync(Ledger + FoldedInput + ApplyAndRecord, cancellationToken);
        Bind(command, contributions);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        var transitions = new List<StatusTransition>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                    applied.Add(reader.GetString(1));
                else
                    transitions.Add(new StatusTransition(reader.GetString(0), DomainStatusNames.Parse(reader.GetString(1)),
                        DomainStatusNames.Parse(reader.GetString(2)), reader.GetInt64(3), reader.GetInt64(4)));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new RowLockTimeoutException($"Contributions {string.Join(", ", contributions.Select(c => c.Id))}: a row stayed locked by another session past the lock timeout.", ex);
        }
        catch (PostgresException ex) when (ex.Severity is "ERROR")
        {
            // The server refused the statement: its implicit transaction rolled back, nothing was applied.
            throw;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            // The statement is its own transaction: with the connection lost mid-way it may or may not have committed.
            throw new AmbiguousCommitException($"Contributions {string.Join(", ", contributions.Select(c => c.Id))}: the connection failed during the write.", ex);
        }

        var skipped = contributions.Where(c => !applied.Contains(c.Id.WriterId)).Select(c => c.Id).ToArray();
        return skipped.Length == 0
            ? new WriteOutcome(skipped, transitions)
            : new WriteOutcome(skipped, transitions) { OutOfOrder = await OutOfOrderAsync(skipped, cancellationToken) };
    }

    /// <summary>
    /// Those of the skipped contributions whose origin holds a higher sequence: read after the commit, and only when
    /// something was skipped (a retry, a resend), so a write that applies everything pays no extra round trip. An
    /// origin's sequence only grows, and a producer sends its next sequence only once this one is answered, so a row
    /// found equal was equal at the skip; one found above is answered as out of order, which only a producer that
    /// broke its one-at-a-time rule (or stopped waiting for this answer) can see.
    /// </summary>
    private async Task<BatchId[]> OutOfOrderAsync(BatchId[] skipped, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT writer_id, last_sequence FROM writer_progress WHERE writer_id = ANY($1)", _connection)
            {
                Parameters = { new NpgsqlParameter<string[]> { TypedValue = skipped.Select(id => id.WriterId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
            };
            var recorded = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                recorded[reader.GetString(0)] = reader.GetInt64(1);
            return skipped.Where(id => recorded.TryGetValue(id.WriterId, out var last) && last > id.Sequence).ToArray();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            // The write itself committed: its senders must send it again (and find it applied), never withdraw from it.
            throw new AmbiguousCommitException($"Contributions {string.Join(", ", skipped)}: committed, but the ledger could not be read back to tell duplicates from out-of-order ones.", ex);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task<NpgsqlCommand> PrepareAsync(string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, _connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint },
            },
        };
        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private void Bind(NpgsqlCommand command, IReadOnlyList<CounterBatch> contributions)
    {
        var rows = contributions.Sum(c => c.Deltas.Count);
        var origins = new string[contributions.Count];
        var sequences = new long[contributions.Count];
        var originOf = new int[rows];
        var domains = new string[rows];
        var delivered = new long[rows];
        var bounced = new long[rows];
        var row = 0;
        for (var c = 0; c < contributions.Count; c++)
        {
            origins[c] = contributions[c].Id.WriterId;
            sequences[c] = contributions[c].Id.Sequence;
            foreach (var delta in contributions[c].Deltas)
            {
                originOf[row] = c + 1;
                domains[row] = delta.Domain;
                delivered[row] = delta.Delivered;
                bounced[row] = delta.Bounced;
                row++;
            }
        }

        ((NpgsqlParameter<string[]>)command.Parameters[0]).TypedValue = origins;
        ((NpgsqlParameter<long[]>)command.Parameters[1]).TypedValue = sequences;
        ((NpgsqlParameter<int[]>)command.Parameters[2]).TypedValue = originOf;
        ((NpgsqlParameter<string[]>)command.Parameters[3]).TypedValue = domains;
        ((NpgsqlParameter<long[]>)command.Parameters[4]).TypedValue = delivered;
        ((NpgsqlParameter<long[]>)command.Parameters[5]).TypedValue = bounced;
        ((NpgsqlParameter<long>)command.Parameters[6]).TypedValue = _threshold;
    }
}
