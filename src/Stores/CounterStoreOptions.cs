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
    /// definitely and is retried: a stuck row stalls its own partition for this long at most, never without bound.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest one write statement may run (PostgreSQL <c>statement_timeout</c>).</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an origin's ledger row is kept after its last write, and an idempotency key with its bulk's rows after
    /// it was first sent (see <see cref="ICounterStore.ForgetIdleOriginsAsync"/>). At least an hour.
    /// </summary>
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How often a running host forgets what <see cref="LedgerRetention"/> let go (the first time right after start);
    /// each node picks its moments at random within ±20 % of this, so nodes seldom prune at once.
    /// </summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most rows one prune statement deletes: a backlog is forgotten in short transactions, never in one.</summary>
    public int PruneBatchSize { get; set; } = 5_000;
}
