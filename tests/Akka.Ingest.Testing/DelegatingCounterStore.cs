using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// The one forwarding base of the test store decorators: every member goes to the inner store, and a decorator
/// overrides only what it changes. Every writer session it opens sends its writes through <see cref="ApplyAsync"/>.
/// </summary>
public abstract class DelegatingCounterStore(ICounterStore inner) : ICounterStore
{
    protected ICounterStore Inner { get; } = inner;

    public virtual string Description => Inner.Description;

    public virtual Task MigrateAsync(CancellationToken cancellationToken) => Inner.MigrateAsync(cancellationToken);

    public virtual async Task<ICounterWriter> OpenWriterAsync(CancellationToken cancellationToken) =>
        new InterceptedWriter(this, await Inner.OpenWriterAsync(cancellationToken));

    public virtual Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) => Inner.ReadAsync(domain, cancellationToken);

    public virtual Task<int> ForgetIdleOriginsAsync(TimeSpan idleFor, CancellationToken cancellationToken) =>
        Inner.ForgetIdleOriginsAsync(idleFor, cancellationToken);

    public virtual Task<long> RecordCatchAllThresholdAsync(CancellationToken cancellationToken) =>
        Inner.RecordCatchAllThresholdAsync(cancellationToken);

    public virtual Task<string> RecordIdempotencyKeyAsync(string keyHash, string bodyHash, CancellationToken cancellationToken) =>
        Inner.RecordIdempotencyKeyAsync(keyHash, bodyHash, cancellationToken);

    public virtual Task<int> RecordProducerAsync(string producerHash, long sequence, int partitions, CancellationToken cancellationToken) =>
        Inner.RecordProducerAsync(producerHash, sequence, partitions, cancellationToken);

    public virtual Task<int> ForgetIdleProducersAsync(TimeSpan idleFor, CancellationToken cancellationToken) =>
        Inner.ForgetIdleProducersAsync(idleFor, cancellationToken);

    public virtual Task PingAsync(CancellationToken cancellationToken) => Inner.PingAsync(cancellationToken);

    public virtual ValueTask DisposeAsync() => Inner.DisposeAsync();

    /// <summary>A write of one of this store's sessions; by default the inner session's.</summary>
    protected virtual Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken) =>
        innerWriter.ApplyAsync(contributions, cancellationToken);

    private sealed class InterceptedWriter(DelegatingCounterStore store, ICounterWriter inner) : ICounterWriter
    {
        public Task<WriteOutcome> ApplyAsync(IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken) =>
            store.ApplyAsync(inner, contributions, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
