using Akka.Ingest.Domain;

namespace Akka.Ingest.Stores;

public static class CounterStoreExtensions
{
    /// <summary>Applies one contribution through a writer session of its own (tools and specs; the pipeline keeps its writers open).</summary>
    public static async Task<BatchOutcome> ApplyAsync(this ICounterStore store, CounterBatch batch, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken);
        return await writer.ApplyAsync(batch, cancellationToken);
    }

    public static async Task<BatchOutcome> ApplyAsync(this ICounterWriter writer, CounterBatch batch, CancellationToken cancellationToken) =>
        (await writer.ApplyAsync([batch], cancellationToken)).For(batch.Id);
}
