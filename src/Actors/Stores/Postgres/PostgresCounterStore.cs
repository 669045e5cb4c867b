using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using Npgsql;
using NpgsqlTypes;

namespace Akka.Ingest.Stores.Postgres;

/// <summary>
/// The production store. A batch is one transaction: one statement records the batch id in
/// <c>writer_progress</c> and, only if it is new, upserts the deltas from <c>unnest</c> arrays, returning the
/// rows whose status changed; those (rare) transitions go to <c>status_outbox</c> and <c>domain_status</c>
/// before the commit.
/// </summary>
public sealed class PostgresCounterStore : ICounterStore, IStatusOutbox, IDomainDirectory, IDomainCensus
{
    // The progress row gates the upsert, and the final SELECT narrows the returned rows to likely
    // transitions (the policy decides exactly).
    private const string ApplySql = """
        WITH progress AS (
            INSERT INTO writer_progress AS p (writer_id, last_sequence) VALUES ($1, $2)
            ON CONFLICT (writer_id) DO UPDATE
                SET last_sequence = EXCLUDED.last_sequence, updated_at = now()
                WHERE p.last_sequence < EXCLUDED.last_sequence
            RETURNING 1
        ),
        input AS (
            SELECT t.domain, t.delivered, t.bounced
            FROM unnest($3::text[], $4::bigint[], $5::bigint[]) AS t(domain, delivered, bounced)
            WHERE EXISTS (SELECT 1 FROM progress)
        ),
        upserted AS (
            INSERT INTO domain_counts AS c (domain, delivered, bounced)
            SELECT domain, delivered, bounced FROM input
            ON CONFLICT (domain) DO UPDATE
                SET delivered = c.delivered + EXCLUDED.delivered, bounced = c.bounced + EXCLUDED.bounced
            RETURNING c.domain, c.delivered, c.bounced
        )
        SELECT u.domain, u.delivered, u.bounced, i.delivered, i.bounced
        FROM upserted u JOIN input i USING (domain)
        WHERE (u.bounced > 0 AND u.bounced = i.bounced)
           OR (u.bounced = 0 AND u.delivered > $6 AND u.delivered - i.delivered <= $6)
        UNION ALL
        SELECT NULL, 0, 0, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM progress)
        """;

    private const string RecordTransitionsSql = """
        WITH t AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
                AS t(domain, from_status, to_status, delivered, bounced)
        ),
        outbox AS (
            INSERT INTO status_outbox (domain, from_status, to_status, delivered, bounced)
            SELECT domain, from_status, to_status, delivered, bounced FROM t
        )
        INSERT INTO domain_status AS s (domain, status)
        SELECT domain, to_status FROM t
        ON CONFLICT (domain) DO UPDATE SET status = EXCLUDED.status, changed_at = now()
        """;

    private const string ReadSql = "SELECT delivered, bounced FROM domain_counts WHERE domain = $1";

    private readonly NpgsqlDataSource _dataSource;
    private readonly CatchAllPolicy _policy;

    public PostgresCounterStore(string connectionString, CatchAllPolicy policy)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        _dataSource = builder.Build();
        _policy = policy;
        var csb = builder.ConnectionStringBuilder;
        Description = $"postgres ({csb.Host}:{csb.Port}/{csb.Database})";
    }

    public string Description { get; }

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        PostgresMigrator.MigrateAsync(_dataSource, cancellationToken);

    public async Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken)
    {
        var count = batch.Deltas.Count;
        var domains = new string[count];
        var delivered = new long[count];
        var bounced = new long[count];
        for (var i = 0; i < count; i++)
        {
            var delta = batch.Deltas[i];
            domains[i] = delta.Domain;
            delivered[i] = delta.Delivered;
            bounced[i] = delta.Bounced;
        }

        // Failing to connect is definite: nothing was sent.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ApplySql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = batch.Id.WriterId, NpgsqlDbType = NpgsqlDbType.Text },
                new NpgsqlParameter<long> { TypedValue = batch.Id.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint },
                new NpgsqlParameter<string[]> { TypedValue = domains, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<long[]> { TypedValue = delivered, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter<long[]> { TypedValue = bounced, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter<long> { TypedValue = _policy.Threshold, NpgsqlDbType = NpgsqlDbType.Bigint },
            },
        };

        // Anything that fails before the COMMIT is sent leaves the transaction uncommitted: definite.
        var transitions = new List<StatusTransition>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                    return BatchOutcome.Duplicate;

                var after = new DomainCounts(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
                var delta = new DomainDelta(after.Domain, reader.GetInt64(3), reader.GetInt64(4));
                if (_policy.TransitionOf(after, delta) is { } transition)
                    transitions.Add(transition);
            }
        }

        if (transitions.Count > 0)
            await RecordTransitionsAsync(connection, transaction, transitions, cancellationToken);

        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException)
        {
            // The server answered the COMMIT with an error: it rolled back.
            throw;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            throw new AmbiguousCommitException($"Batch {batch.Id}: the connection failed during the commit.", ex);
        }
        return new BatchOutcome(false, transitions);
    }

    private static async Task RecordTransitionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<StatusTransition> transitions, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RecordTransitionsSql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = transitions.Select(t => t.Domain).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<string[]> { TypedValue = transitions.Select(t => t.From.ToWireName()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<string[]> { TypedValue = transitions.Select(t => t.To.ToWireName()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<long[]> { TypedValue = transitions.Select(t => t.Delivered).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter<long[]> { TypedValue = transitions.Select(t => t.Bounced).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = domain, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DomainCounts(domain, reader.GetInt64(0), reader.GetInt64(1))
            : DomainCounts.Unseen(domain);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT id, domain, from_status, to_status, delivered, bounced, changed_at
            FROM status_outbox WHERE id > $1 ORDER BY id LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var entries = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), DomainStatusNames.Parse(reader.GetString(2)), DomainStatusNames.Parse(reader.GetString(3)),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return entries;
    }

    public async Task DeleteThroughAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM status_outbox WHERE id <= $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> CountAfterAsync(long afterId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM status_outbox WHERE id > $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<DomainCounts>> ListAsync(DomainStatus status, string? afterDomain, int limit, CancellationToken cancellationToken)
    {
        // Domains that never left "unknown" have no domain_status row: walk the counters' primary key instead.
        await using var command = _dataSource.CreateCommand(status == DomainStatus.Unknown
            ? """
              SELECT c.domain, c.delivered, c.bounced FROM domain_counts c
              WHERE c.domain > $1 AND NOT EXISTS (SELECT 1 FROM domain_status s WHERE s.domain = c.domain)
              ORDER BY c.domain LIMIT $2
              """
            : """
              SELECT s.domain, c.delivered, c.bounced FROM domain_status s JOIN domain_counts c ON c.domain = s.domain
              WHERE s.status = $3 AND s.domain > $1
              ORDER BY s.domain LIMIT $2
              """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterDomain ?? "" });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (status != DomainStatus.Unknown)
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToWireName() });

        var page = new List<DomainCounts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            page.Add(new DomainCounts(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return page;
    }

    public async Task<DomainCensus> CountAsync(CancellationToken cancellationToken)
    {
        // The statuses come from domain_status's (status, domain) index; the total is a scan of the counters.
        await using var command = _dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM domain_counts),
                   (SELECT count(*) FROM domain_status WHERE status = $1),
                   (SELECT count(*) FROM domain_status WHERE status = $2)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DomainStatusNames.CatchAll });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DomainStatusNames.NotCatchAll });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DomainCensus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
