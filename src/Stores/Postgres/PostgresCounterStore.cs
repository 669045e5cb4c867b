using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using Npgsql;
using NpgsqlTypes;

namespace Akka.Ingest.Stores.Postgres;

/// <summary>
/// The production store. Writes go through <see cref="PostgresCounterWriter"/> sessions, each on a physical
/// connection of its own (a writer's restart renews it, and no pool reset runs between batches); reads, the status
/// outbox and the listings use a pool.
/// </summary>
public sealed class PostgresCounterStore : ICounterStore, IStatusOutbox, IOutboxSignal, IDomainDirectory, IDomainCensus
{
    private const string ReadSql = "SELECT delivered, bounced FROM domain_counts WHERE domain = $1";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _writerDataSource;
    private readonly CatchAllPolicy _policy;
    private readonly CounterStoreOptions _options;
    private readonly PostgresOutboxListener _outboxListener;

    public PostgresCounterStore(string connectionString, CatchAllPolicy policy, CounterStoreOptions? options = null)
    {
        _options = options ?? new CounterStoreOptions();
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        builder.ConnectionStringBuilder.MaxPoolSize = _options.ReadPoolSize;
        builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, _options.ReadPoolSize);
        builder.ConnectionStringBuilder.Timeout = Math.Max(1, (int)Math.Ceiling(_options.ReadPoolWait.TotalSeconds));
        builder.ConnectionStringBuilder.Options = string.Join(' ', new[] { builder.ConnectionStringBuilder.Options,
            $"-c statement_timeout={(long)_options.ReadStatementTimeout.TotalMilliseconds}" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        _dataSource = builder.Build();
        // Writers hold their connection for their lifetime: unpooled, so a restarted writer gets a new one.
        var writerBuilder = new NpgsqlDataSourceBuilder(connectionString);
        writerBuilder.ConnectionStringBuilder.Pooling = false;
        _writerDataSource = writerBuilder.Build();
        _outboxListener = new PostgresOutboxListener(connectionString);
        _policy = policy;
        var csb = builder.ConnectionStringBuilder;
        Description = $"postgres ({csb.Host}:{csb.Port}/{csb.Database})";
    }

    public string Description { get; }

    /// <summary>Signals every commit that added outbox entries, from any host on this database (<see cref="PostgresOutboxListener"/>).</summary>
    public IDisposable Subscribe(Action entriesMayBeWaiting) => _outboxListener.Subscribe(entriesMayBeWaiting);

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        PostgresMigrator.MigrateAsync(_dataSource, cancellationToken);

    public async Task<ICounterWriter> OpenWriterAsync(CancellationToken cancellationToken) =>
        await PostgresCounterWriter.OpenAsync(_writerDataSource, _policy, _options, cancellationToken);

    public async Task<int> ForgetIdleOriginsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        // Bounded statements, each its own transaction: no prune holds locks or runs long whatever the backlog. Rows
        // another session holds (a write in progress, another node pruning at the same moment) are skipped, not waited for.
        var forgotten = await ForgetSessionsAsync(KeySessions, idleFor, cancellationToken);
        while (true)
        {
            var idle = await ForgetIdleOriginBatchAsync(idleFor, cancellationToken);
            forgotten += idle;
            if (idle < _options.PruneBatchSize)
                return forgotten;
        }
    }

    /// <summary>A client's ledger streams: an idempotency key's bulk parts, or a producer's request parts.</summary>
    private sealed record SessionTable(string Table, string HashColumn, string ClockColumn, string OriginPrefix);

    /// <summary>Keys by the key's clock (when it was recorded), however late a part committed.</summary>
    private static readonly SessionTable KeySessions = new("idempotency_keys", "key_hash", "created_at", "bulk:");

    /// <summary>Producers by their last request.</summary>
    private static readonly SessionTable ProducerSessions = new("producer_sessions", "producer_hash", "updated_at", "producer:");

    /// <summary>
    /// Forgets, batch after batch, the sessions of <paramref name="sessions"/> idle longer than
    /// <paramref name="idleFor"/>, each with its ledger rows (<c>{prefix}{hash}/p{n}</c>); returns the rows forgotten.
    /// </summary>
    private async Task<int> ForgetSessionsAsync(SessionTable sessions, TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var (table, hash, clock, prefix) = sessions;
        var forgotten = 0;
        while (true)
        {
            // Identifiers from the constants above only: nothing of a request reaches this text.
            await using var command = _dataSource.CreateCommand($"""
                WITH sessions AS (
                    DELETE FROM {table} WHERE {hash} IN (
                        SELECT {hash} FROM {table} WHERE {clock} <= now() - $1
                        ORDER BY {clock} LIMIT $2 FOR UPDATE SKIP LOCKED)
                    RETURNING {hash}
                ), parts AS (
                    DELETE FROM writer_progress w USING sessions
                    WHERE w.writer_id LIKE '{prefix}%' AND split_part(w.writer_id, '/', 1) = '{prefix}' || sessions.{hash}
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM sessions)::int, (SELECT count(*) FROM parts)::int
                """);
            AddPruneParameters(command, idleFor);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            forgotten += reader.GetInt32(1);
            if (reader.GetInt32(0) < _options.PruneBatchSize)
                return forgotten;
        }
    }

    /// <summary>One batch of origins idle for <paramref name="idleFor"/>: every origin but a part whose key or producer is still kept.</summary>
    private async Task<int> ForgetIdleOriginBatchAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            WITH idle AS (
                DELETE FROM writer_progress WHERE writer_id IN (
                    SELECT w.writer_id FROM writer_progress w
                    WHERE w.updated_at <= now() - $1
                      AND (w.writer_id NOT LIKE 'bulk:%'
                           OR NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.key_hash = substr(split_part(w.writer_id, '/', 1), 6)))
                      AND (w.writer_id NOT LIKE 'producer:%'
                           OR NOT EXISTS (SELECT 1 FROM producer_sessions s WHERE s.producer_hash = substr(split_part(w.writer_id, '/', 1), 10)))
                    LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING 1
            )
            SELECT count(*)::int FROM idle
            """);
        AddPruneParameters(command, idleFor);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<int> ForgetIdleProducersAsync(TimeSpan idleFor, CancellationToken cancellationToken) =>
        ForgetSessionsAsync(ProducerSessions, idleFor, cancellationToken);

    public async Task<int> RecordProducerAsync(string producerHash, long sequence, int partitions, CancellationToken cancellationToken)
    {
        // DO UPDATE locks the row, so concurrent requests of one producer see each other's sequence.
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO producer_sessions AS s (producer_hash, partitions, last_sequence) VALUES ($1, $2, $3)
            ON CONFLICT (producer_hash) DO UPDATE SET
                partitions = CASE WHEN EXCLUDED.last_sequence > s.last_sequence THEN EXCLUDED.partitions ELSE s.partitions END,
                last_sequence = GREATEST(s.last_sequence, EXCLUDED.last_sequence),
                updated_at = now()
            RETURNING s.partitions
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = producerHash, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partitions, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private void AddPruneParameters(NpgsqlCommand command, TimeSpan idleFor)
    {
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = idleFor, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.PruneBatchSize });
    }

    public async Task<string> RecordIdempotencyKeyAsync(string keyHash, string bodyHash, CancellationToken cancellationToken)
    {
        // A key inserted by a concurrent statement that committed after this one's snapshot is seen by neither branch:
        // the second run sees it.
        while (true)
        {
            if (await TryRecordIdempotencyKeyAsync(keyHash, bodyHash, cancellationToken) is { } recorded)
                return recorded;
        }
    }

    private async Task<string?> TryRecordIdempotencyKeyAsync(string keyHash, string bodyHash, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            WITH inserted AS (
                INSERT INTO idempotency_keys (key_hash, body_hash) VALUES ($1, $2)
                ON CONFLICT (key_hash) DO NOTHING
                RETURNING body_hash
            )
            SELECT body_hash FROM inserted
            UNION ALL
            SELECT body_hash FROM idempotency_keys WHERE key_hash = $1
            LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyHash, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bodyHash, NpgsqlDbType = NpgsqlDbType.Text });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<long> RecordCatchAllThresholdAsync(CancellationToken cancellationToken)
    {
        // Both statements see the row a concurrent first start inserted: INSERT waits for it, the SELECT runs after.
        await using (var insert = _dataSource.CreateCommand(
            "INSERT INTO store_settings (name, value) VALUES ('catch_all_threshold', $1) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _policy.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var select = _dataSource.CreateCommand("SELECT value FROM store_settings WHERE name = 'catch_all_threshold'");
        return long.Parse((string)(await select.ExecuteScalarAsync(cancellationToken))!, System.Globalization.CultureInfo.InvariantCulture);
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

    public async Task<IReadOnlyList<OutboxEntry>> ReadOldestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT id, domain, from_status, to_status, delivered, bounced, changed_at
            FROM status_outbox ORDER BY id LIMIT $1
            """);
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

    public async Task DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM status_outbox WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM status_outbox");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<DomainListPage> ListAsync(DomainStatus status, string? afterDomain, int limit, CancellationToken cancellationToken)
    {
        if (status == DomainStatus.Unknown)
            return await ListUnknownAsync(afterDomain, limit, cancellationToken);

        await using var command = _dataSource.CreateCommand("""
            SELECT s.domain, c.delivered, c.bounced FROM domain_status s JOIN domain_counts c ON c.domain = s.domain
            WHERE s.status = $3 AND s.domain > $1
            ORDER BY s.domain LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterDomain ?? "" });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToWireName() });
        var page = new List<DomainCounts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            page.Add(new DomainCounts(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return new DomainListPage(page, page.Count == limit ? page[^1].Domain : null);
    }

    /// <summary>
    /// Domains that never left "unknown" have no domain_status row: walk the counters' primary key, at most
    /// <see cref="IDomainDirectory.UnknownScanBudget"/> rows, and return the unknown ones among them, with the last
    /// row walked when the budget ran out first.
    /// </summary>
    private async Task<DomainListPage> ListUnknownAsync(string? afterDomain, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            WITH walked AS (
                SELECT c.domain, c.delivered, c.bounced FROM domain_counts c
                WHERE c.domain > $1 ORDER BY c.domain LIMIT $3
            ),
            unknown AS (
                SELECT w.domain, w.delivered, w.bounced FROM walked w
                WHERE NOT EXISTS (SELECT 1 FROM domain_status s WHERE s.domain = w.domain)
                ORDER BY w.domain LIMIT $2
            )
            SELECT domain, delivered, bounced, false FROM unknown
            UNION ALL
            SELECT max(domain), 0, 0, true FROM walked HAVING count(*) = $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterDomain ?? "" });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = IDomainDirectory.UnknownScanBudget });
        var page = new List<DomainCounts>();
        string? lastWalked = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(3))
                lastWalked = reader.GetString(0);
            else
                page.Add(new DomainCounts(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }
        return new DomainListPage(page, page.Count == limit ? page[^1].Domain : lastWalked);
    }

    public async Task<DomainCensus> CensusAsync(CancellationToken cancellationToken)
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

    public async ValueTask DisposeAsync()
    {
        await _outboxListener.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _writerDataSource.DisposeAsync();
    }
}
