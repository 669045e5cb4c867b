using Akka.Ingest.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Akka.Ingest.Stores.Postgres;

/// <summary>
/// The production store. A batch is one statement (its own transaction): record the batch id in
/// <c>writer_progress</c>, and only if it is new upsert the deltas from <c>unnest</c> arrays, returning the
/// rows whose status changed.
/// </summary>
public sealed class PostgresCounterStore : ICounterStore
{
    // One statement, so one round trip and one implicit transaction: the progress row gates the upsert,
    // and the final SELECT narrows the returned rows to likely transitions (the policy decides exactly).
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
        await using var command = new NpgsqlCommand(ApplySql, connection)
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

        try
        {
            var transitions = new List<StatusTransition>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                    return BatchOutcome.Duplicate;

                var after = new DomainCounts(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
                var delta = new DomainDelta(after.Domain, reader.GetInt64(3), reader.GetInt64(4));
                if (_policy.TransitionOf(after, delta) is { } transition)
                    transitions.Add(transition);
            }
            return new BatchOutcome(false, transitions);
        }
        catch (PostgresException)
        {
            // The server reported the error, so it rolled the statement back: definitely not applied.
            throw;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            // The statement commits implicitly; losing the connection after sending it leaves the outcome unknown.
            throw new AmbiguousCommitException($"Batch {batch.Id}: the connection failed while the statement ran.", ex);
        }
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

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
