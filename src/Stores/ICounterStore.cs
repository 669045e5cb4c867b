using Akka.Ingest.Domain;

namespace Akka.Ingest.Stores;

/// <summary>
/// Durable per-domain counters. Writes go through an <see cref="ICounterWriter"/> that each partition writer opens
/// for itself; reads and health checks share the store's pool.
/// </summary>
public interface ICounterStore : IAsyncDisposable
{
    /// <summary>A short name for logs: the kind of store and where it is, without secrets.</summary>
    string Description { get; }

    /// <summary>Brings the schema to the newest version; safe to run from several nodes at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Opens a writer session; failing to open it is definite (nothing was sent).</summary>
    Task<ICounterWriter> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the ledger rows of origins that have written nothing for <paramref name="idleFor"/> and returns how
    /// many. An origin resends a batch only while it retries it (seconds), and origin ids are never reused, so a row
    /// idle far longer than any retry can no longer recognise anything: without this the ledger grows by a row per
    /// partition at every start of every node. Idempotency keys recorded longer ago than <paramref name="idleFor"/> go too,
    /// in the same transaction, and with each key its bulk's ledger rows (<c>bulk:{key hash}/p{n}</c>), by the key's
    /// clock however late a part committed: a part kept after its key would make the key, reused, skip that part.
    /// </summary>
    Task<int> ForgetIdleOriginsAsync(TimeSpan idleFor, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the bulk with idempotency key <paramref name="keyHash"/> carries the body
    /// <paramref name="bodyHash"/>, unless the key is already recorded; returns the body hash recorded for the key
    /// (the caller's own when the key is new), so a resend with another body can be told apart. The value is opaque to
    /// the store: the host records the body's hash together with the partition count it split the bulk by. Keys are forgotten
    /// with the ledger rows, by <see cref="ForgetIdleOriginsAsync"/>.
    /// </summary>
    Task<string> RecordIdempotencyKeyAsync(string keyHash, string bodyHash, CancellationToken cancellationToken);

    /// <summary>
    /// Records that producer <paramref name="producerHash"/> (the SHA-256 of its <c>Producer-Id</c>, which names its
    /// ledger origins <c>producer:{hash}/p{partition}</c>) sent <paramref name="sequence"/> under a host that splits by
    /// <paramref name="partitions"/>, and returns the partition count recorded for the producer after the call. A
    /// sequence above every one the producer sent before records this count (its parts are new); any other keeps the
    /// count it was first sent under, so a resend or an out-of-order sequence under another count is told apart
    /// (its parts were cut by that count). The producer's last request time is refreshed either way.
    /// </summary>
    Task<int> RecordProducerAsync(string producerHash, long sequence, int partitions, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the producers whose last request (<see cref="RecordProducerAsync"/>) is older than
    /// <paramref name="idleFor"/>, and with each its ledger rows (<c>producer:{hash}/p{n}</c>), by the producer's clock
    /// however long ago a part committed; returns how many ledger rows went. Until then
    /// <see cref="ForgetIdleOriginsAsync"/> keeps a producer's rows: a resend inside the retention must find them.
    /// </summary>
    Task<int> ForgetIdleProducersAsync(TimeSpan idleFor, CancellationToken cancellationToken);

    /// <summary>
    /// Records this store's catch-all threshold if the database has none yet, and returns the one the database was
    /// built with. The listing, the feed and the recorded statuses hold the crossings of that threshold only, so a
    /// host must refuse to write with another one.
    /// </summary>
    Task<long> RecordCatchAllThresholdAsync(CancellationToken cancellationToken);

    /// <summary>The committed counts of a normalised domain; zeros for a domain never seen.</summary>
    Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Throws unless the store answers a trivial query.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
