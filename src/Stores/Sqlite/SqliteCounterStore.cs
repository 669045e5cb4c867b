using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using Microsoft.Data.Sqlite;

namespace Akka.Ingest.Stores.Sqlite;

/// <summary>
/// The embedded default: a SQLite file in WAL mode. SQLite has one writer at a time, so batches are applied
/// one after another on a dedicated connection; reads use pooled connections and see every committed batch.
/// </summary>
public sealed class SqliteCounterStore : ICounterStore, IStatusOutbox, IOutboxSignal, IDomainDirectory, IDomainCensus
{
    private const string ClaimSql = """
        INSERT INTO writer_progress (writer_id, last_sequence) VALUES ($writer, $sequence)
        ON CONFLICT (writer_id) DO UPDATE
            SET last_sequence = excluded.last_sequence, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE writer_progress.last_sequence < excluded.last_sequence
        """;

    private const string UpsertSql = """
        INSERT INTO domain_counts (domain, delivered, bounced) VALUES ($domain, $delivered, $bounced)
        ON CONFLICT (domain) DO UPDATE
            SET delivered = delivered + excluded.delivered, bounced = bounced + excluded.bounced
        RETURNING delivered, bounced
        """;

    private readonly string _connectionString;
    private readonly CatchAllPolicy _policy;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly int _pruneBatchSize;
    private readonly OutboxSignalSubscribers _outboxSignal = new();
    private SqliteConnection? _writeConnection;

    public SqliteCounterStore(string connectionString, CatchAllPolicy policy, CounterStoreOptions? options = null)
    {
        _pruneBatchSize = (options ?? new CounterStoreOptions()).PruneBatchSize;
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
            throw new ArgumentException("The SQLite store needs a file: an in-memory database is not shared between connections.");
        _connectionString = builder.ToString();
        _policy = policy;
        Description = $"sqlite ({Path.GetFullPath(builder.DataSource)})";
    }

    public string Description { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await WriteConnectionAsync(cancellationToken);
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY NOT NULL,
                    name       TEXT    NOT NULL,
                    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                )
                """, cancellationToken);

            var applied = new HashSet<long>();
            await using (var select = new SqliteCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add(reader.GetInt64(0));
            }

            foreach (var migration in SqlMigration.Load("Sqlite").Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using var record = new SqliteCommand(
                    "INSERT INTO schema_migrations (version, name) VALUES ($version, $name)", connection, transaction);
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// SQLite has one writer at a time: every partition writer's session shares the store's write connection,
    /// taking turns, rather than owning one that would only wait on the database's lock.
    /// </summary>
    /// <summary>Signals the commits of this store object only: another process writing the same file is seen by the reader's own polls.</summary>
    public IDisposable Subscribe(Action entriesMayBeWaiting) => _outboxSignal.Subscribe(entriesMayBeWaiting);

    public Task<ICounterWriter> OpenWriterAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ICounterWriter>(new SqliteCounterWriter(this));

    internal async Task<WriteOutcome> ApplyAsync(IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await WriteConnectionAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

            var alreadyApplied = new List<BatchId>();
            var outOfOrder = new List<BatchId>();
            var transitions = new List<StatusTransition>();
            await using var claim = new SqliteCommand(ClaimSql, connection, transaction);
            var writer = claim.Parameters.Add("$writer", SqliteType.Text);
            var sequence = claim.Parameters.Add("$sequence", SqliteType.Integer);
            await using var recorded = new SqliteCommand("SELECT last_sequence FROM writer_progress WHERE writer_id = $writer", connection, transaction);
            var recordedWriter = recorded.Parameters.Add("$writer", SqliteType.Text);
            await using var upsert = new SqliteCommand(UpsertSql, connection, transaction);
            var domain = upsert.Parameters.Add("$domain", SqliteType.Text);
            var delivered = upsert.Parameters.Add("$delivered", SqliteType.Integer);
            var bounced = upsert.Parameters.Add("$bounced", SqliteType.Integer);
            foreach (var batch in contributions)
            {
                writer.Value = batch.Id.WriterId;
                sequence.Value = batch.Id.Sequence;
                if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    alreadyApplied.Add(batch.Id);
                    recordedWriter.Value = batch.Id.WriterId;
                    if ((long)(await recorded.ExecuteScalarAsync(cancellationToken))! > batch.Id.Sequence)
                        outOfOrder.Add(batch.Id);
                    continue;
                }

                foreach (var delta in batch.Deltas)
                {
                    domain.Value = delta.Domain;
                    delivered.Value = delta.Delivered;
                    bounced.Value = delta.Bounced;
                    await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    var after = new DomainCounts(delta.Domain, reader.GetInt64(0), reader.GetInt64(1));
                    if (_policy.TransitionOf(after, delta) is { } transition)
                        transitions.Add(transition);
                }
            }
            if (alreadyApplied.Count == contributions.Count)
                return new WriteOutcome(alreadyApplied, []) { OutOfOrder = outOfOrder };

            foreach (var transition in transitions)
                await RecordTransitionAsync(connection, transaction, transition, cancellationToken);

            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                throw new AmbiguousCommitException($"Contributions {string.Join(", ", contributions.Select(c => c.Id))}: the commit failed.", ex);
            }
            if (transitions.Count > 0)
                _outboxSignal.Raise();
            return new WriteOutcome(alreadyApplied, transitions) { OutOfOrder = outOfOrder };
        }
        catch (Exception) when (_writeConnection is { State: not System.Data.ConnectionState.Open })
        {
            await ResetWriteConnectionAsync();
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<int> ForgetIdleOriginsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        // The cutoff is fixed once, so every batch (and both deletes of a batch of keys) agree on what is old. Each
        // batch is a short transaction of its own on the write connection: writers wait for one batch, never for a backlog.
        var cutoff = CutoffOf(idleFor);
        var oldKeys = $"SELECT key_hash FROM idempotency_keys WHERE created_at <= $cutoff ORDER BY created_at, key_hash LIMIT {_pruneBatchSize}";
        var forgotten = 0;
        while (true)
        {
            // A key goes with its bulk's parts, by the key's clock, however late a part committed.
            var (parts, keys) = await DeleteBatchAsync(
                $"DELETE FROM writer_progress WHERE substr(writer_id, 1, 5) = 'bulk:' AND {BulkKeyOf("writer_id")} IN ({oldKeys})",
                $"DELETE FROM idempotency_keys WHERE key_hash IN ({oldKeys})");
            forgotten += parts;
            if (keys < _pruneBatchSize)
                break;
        }
        while (true)
        {
            // Every other origin, and a part whose key is already gone, by its own last write.
            var (idle, _) = await DeleteBatchAsync($"""
                DELETE FROM writer_progress WHERE writer_id IN (
                    SELECT writer_id FROM writer_progress WHERE updated_at <= $cutoff
                        AND (substr(writer_id, 1, 5) <> 'bulk:' OR {BulkKeyOf("writer_id")} NOT IN (SELECT key_hash FROM idempotency_keys))
                        AND (substr(writer_id, 1, 9) <> 'producer:' OR {ProducerOf("writer_id")} NOT IN (SELECT producer_hash FROM producer_sessions))
                    LIMIT {_pruneBatchSize})
                """, null);
            forgotten += idle;
            if (idle < _pruneBatchSize)
                return forgotten;
        }

        async Task<(int First, int Second)> DeleteBatchAsync(string first, string? second)
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                var connection = await WriteConnectionAsync(cancellationToken);
                await using var transaction = connection.BeginTransaction();
                var deleted = (await ExecuteAsync(first), second is null ? 0 : await ExecuteAsync(second));
                await transaction.CommitAsync(cancellationToken);
                return deleted;

                async Task<int> ExecuteAsync(string sql)
                {
                    await using var command = new SqliteCommand(sql, connection, transaction);
                    command.Parameters.AddWithValue("$cutoff", cutoff);
                    return await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    private static string CutoffOf(TimeSpan idleFor) =>
        (idleFor < DateTime.UtcNow - DateTime.MinValue ? DateTime.UtcNow - idleFor : DateTime.MinValue)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key hash of a <c>bulk:{key hash}/p{n}</c> origin, as SQL over the column <paramref name="column"/>.</summary>
    private static string BulkKeyOf(string column) => $"substr({column}, 6, instr({column}, '/') - 6)";

    /// <summary>The producer hash of a <c>producer:{hash}/p{n}</c> origin, as SQL over the column <paramref name="column"/>.</summary>
    private static string ProducerOf(string column) => $"substr({column}, 10, instr({column}, '/') - 10)";

    public async Task<int> ForgetIdleProducersAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var cutoff = CutoffOf(idleFor);
        var oldProducers = $"SELECT producer_hash FROM producer_sessions WHERE updated_at <= $cutoff ORDER BY updated_at, producer_hash LIMIT {_pruneBatchSize}";
        var forgotten = 0;
        while (true)
        {
            int parts, producers;
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                var connection = await WriteConnectionAsync(cancellationToken);
                await using var transaction = connection.BeginTransaction();
                parts = await DeleteAsync(connection, transaction,
                    $"DELETE FROM writer_progress WHERE substr(writer_id, 1, 9) = 'producer:' AND {ProducerOf("writer_id")} IN ({oldProducers})");
                producers = await DeleteAsync(connection, transaction, $"DELETE FROM producer_sessions WHERE producer_hash IN ({oldProducers})");
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                _writeLock.Release();
            }
            forgotten += parts;
            if (producers < _pruneBatchSize)
                return forgotten;
        }

        async Task<int> DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
        {
            await using var command = new SqliteCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("$cutoff", cutoff);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<int> RecordProducerAsync(string producerHash, long sequence, int partitions, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await WriteConnectionAsync(cancellationToken);
            await using var command = new SqliteCommand("""
                INSERT INTO producer_sessions (producer_hash, partitions, last_sequence) VALUES ($producer, $partitions, $sequence)
                ON CONFLICT (producer_hash) DO UPDATE SET
                    partitions = CASE WHEN excluded.last_sequence > producer_sessions.last_sequence THEN excluded.partitions ELSE producer_sessions.partitions END,
                    last_sequence = max(producer_sessions.last_sequence, excluded.last_sequence),
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                RETURNING partitions
                """, connection);
            command.Parameters.AddWithValue("$producer", producerHash);
            command.Parameters.AddWithValue("$partitions", partitions);
            command.Parameters.AddWithValue("$sequence", sequence);
            return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<string> RecordIdempotencyKeyAsync(string keyHash, string bodyHash, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await WriteConnectionAsync(cancellationToken);
            await using var command = new SqliteCommand("""
                INSERT INTO idempotency_keys (key_hash, body_hash) VALUES ($key, $body) ON CONFLICT (key_hash) DO NOTHING;
                SELECT body_hash FROM idempotency_keys WHERE key_hash = $key;
                """, connection);
            command.Parameters.AddWithValue("$key", keyHash);
            command.Parameters.AddWithValue("$body", bodyHash);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<long> RecordCatchAllThresholdAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await WriteConnectionAsync(cancellationToken);
            await using var command = new SqliteCommand("""
                INSERT INTO store_settings (name, value) VALUES ('catch_all_threshold', $threshold) ON CONFLICT (name) DO NOTHING;
                SELECT value FROM store_settings WHERE name = 'catch_all_threshold';
                """, connection);
            command.Parameters.AddWithValue("$threshold", _policy.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return long.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = new SqliteCommand("SELECT delivered, bounced FROM domain_counts WHERE domain = $domain", connection);
        command.Parameters.AddWithValue("$domain", domain);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DomainCounts(domain, reader.GetInt64(0), reader.GetInt64(1))
            : DomainCounts.Unseen(domain);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadOldestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            SELECT id, domain, from_status, to_status, delivered, bounced, changed_at
            FROM status_outbox ORDER BY id LIMIT $limit
            """, connection);
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), DomainStatusNames.Parse(reader.GetString(2)),
                DomainStatusNames.Parse(reader.GetString(3)), reader.GetInt64(4), reader.GetInt64(5),
                DateTimeOffset.Parse(reader.GetString(6), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return entries;
    }

    public async Task DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await WriteConnectionAsync(cancellationToken);
            // SQLite has no array parameters; the ids are integers from the outbox itself, one statement each in one transaction.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new SqliteCommand("DELETE FROM status_outbox WHERE id = $id", connection, transaction);
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            foreach (var each in ids)
            {
                id.Value = each;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = new SqliteCommand("SELECT count(*) FROM status_outbox", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<DomainListPage> ListAsync(DomainStatus status, string? afterDomain, int limit, CancellationToken cancellationToken)
    {
        // Unknown domains have no domain_status row: walk the counters' key, at most the scan budget's rows (see IDomainDirectory).
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = new SqliteCommand(status == DomainStatus.Unknown
            ? """
              WITH walked AS (
                  SELECT c.domain, c.delivered, c.bounced FROM domain_counts c
                  WHERE c.domain > $after ORDER BY c.domain LIMIT $budget
              ),
              unknown AS (
                  SELECT w.domain, w.delivered, w.bounced FROM walked w
                  WHERE NOT EXISTS (SELECT 1 FROM domain_status s WHERE s.domain = w.domain)
                  ORDER BY w.domain LIMIT $limit
              )
              SELECT domain, delivered, bounced, 0 FROM unknown
              UNION ALL
              SELECT max(domain), 0, 0, 1 FROM walked HAVING count(*) = $budget
              """
            : """
              SELECT s.domain, c.delivered, c.bounced, 0 FROM domain_status s JOIN domain_counts c ON c.domain = s.domain
              WHERE s.status = $status AND s.domain > $after
              ORDER BY s.domain LIMIT $limit
              """, connection);
        command.Parameters.AddWithValue("$after", afterDomain ?? "");
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$status", status.ToWireName());
        command.Parameters.AddWithValue("$budget", IDomainDirectory.UnknownScanBudget);
        var page = new List<DomainCounts>();
        string? lastWalked = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt64(3) == 1)
                lastWalked = reader.GetString(0);
            else
                page.Add(new DomainCounts(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }
        return new DomainListPage(page, page.Count == limit ? page[^1].Domain : lastWalked);
    }

    public async Task<DomainCensus> CensusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            SELECT (SELECT count(*) FROM domain_counts),
                   (SELECT count(*) FROM domain_status WHERE status = $catchAll),
                   (SELECT count(*) FROM domain_status WHERE status = $notCatchAll)
            """, connection);
        command.Parameters.AddWithValue("$catchAll", DomainStatusNames.CatchAll);
        command.Parameters.AddWithValue("$notCatchAll", DomainStatusNames.NotCatchAll);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DomainCensus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async ValueTask DisposeAsync()
    {
        await ResetWriteConnectionAsync();
        _writeLock.Dispose();
    }

    private async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task RecordTransitionAsync(
        SqliteConnection connection, SqliteTransaction transaction, StatusTransition transition, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand("""
            INSERT INTO status_outbox (domain, from_status, to_status, delivered, bounced)
            VALUES ($domain, $from, $to, $delivered, $bounced);
            INSERT INTO domain_status (domain, status) VALUES ($domain, $to)
            ON CONFLICT (domain) DO UPDATE SET status = excluded.status, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
            """, connection, transaction);
        command.Parameters.AddWithValue("$domain", transition.Domain);
        command.Parameters.AddWithValue("$from", transition.From.ToWireName());
        command.Parameters.AddWithValue("$to", transition.To.ToWireName());
        command.Parameters.AddWithValue("$delivered", transition.Delivered);
        command.Parameters.AddWithValue("$bounced", transition.Bounced);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> WriteConnectionAsync(CancellationToken cancellationToken)
    {
        if (_writeConnection is { State: System.Data.ConnectionState.Open })
            return _writeConnection;

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL lets readers run beside the writer; synchronous=FULL keeps every acknowledged batch durable.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;", cancellationToken);
        _writeConnection = connection;
        return connection;
    }

    private async Task ResetWriteConnectionAsync()
    {
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync();
            _writeConnection = null;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
