using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>Adds a fixed latency to every batch write, to give a store a known, low sustainable rate.</summary>
public sealed class SlowCounterStore(ICounterStore inner, TimeSpan perBatch) : DelegatingCounterStore(inner)
{
    public override string Description => $"slow {Inner.Description}";

    protected override async Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
    {
        await Task.Delay(perBatch, cancellationToken);
        return await innerWriter.ApplyAsync(contributions, cancellationToken);
    }
}
