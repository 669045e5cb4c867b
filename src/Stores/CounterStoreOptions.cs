namespace Akka.Ingest.Stores;

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>Which store holds the counts and how to reach it.</summary>
public sealed class CounterStoreOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=akka-ingest.db";

    public StoreKind Kind { get; set; } = StoreKind.Sqlite;

    /// <summary>An Npgsql or Microsoft.Data.Sqlite connection string; the SQLite default when empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long a write waits for a row lock another session holds (PostgreSQL <c>lock_timeout</c>) before it fails
    /// definitely and is retried. A commit lane's transaction carries several partitions, so a stuck row stalls the
    /// lane for this long once; the lane then writes that transaction's partitions alone, and only the stuck one waits
    /// again. Longer than a peer node's longest transaction holds its rows (tens of milliseconds), shorter than
    /// <c>Ingest:StallThreshold</c>.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest one write statement may run (PostgreSQL <c>statement_timeout</c>).</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// PostgreSQL: the longest one statement on the read pool may run (its <c>statement_timeout</c>): a GET, a listing
    /// page, the relay's outbox, the dashboard's counts. A read that runs longer is cancelled and its request gets 503,
    /// so no public request holds a connection and a server core for long. Migrations lift it for their transaction.
    /// </summary>
    public TimeSpan ReadStatementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// PostgreSQL: the most pooled connections the store's reads use (GET, listings, health, the relay's outbox, the
    /// dashboard's counts), whatever the connection string says: with the commit lanes' connections, a node's
    /// connection budget does not grow with the partition count (docs/SCALING.md).
    /// </summary>
    public int ReadPoolSize { get; set; } = 8;

    /// <summary>PostgreSQL: how long a read waits for a pooled connection (or a new one) before it fails, and its request gets 503.</summary>
    public TimeSpan ReadPoolWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>PostgreSQL: the most pooled connections the status feed's journal (Akka.Persistence.Sql) uses.</summary>
    public int JournalPoolSize { get; set; } = 4;

    /// <summary>
    /// How long an origin's ledger row is kept after its last write, and an idempotency key with its bulk's rows after
    /// it was first sent (see <see cref="ICounterStore.ForgetIdleOriginsAsync"/>). At least an hour.
    /// </summary>
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a producer (<c>Producer-Id</c>) and its ledger rows are kept after its last request (see
    /// <see cref="ICounterStore.ForgetIdleProducersAsync"/>): a resend older than this is a new request. At least an hour.
    /// </summary>
    public TimeSpan ProducerRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How often a running host forgets what <see cref="LedgerRetention"/> let go (the first time right after start);
    /// each node picks its moments at random within ±20 % of this, so nodes seldom prune at once.
    /// </summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most rows one prune statement deletes: a backlog is forgotten in short transactions, never in one.</summary>
    public int PruneBatchSize { get; set; } = 5_000;
}
