using System.Collections.Concurrent;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The batches the ingest graph has started folding and not yet handed to a committer. When the graph fails, these
/// die with its stages: <see cref="GiveUpAll"/> answers their requests. One add and one remove per batch, none per event.
/// </summary>
public sealed class UnsentBatches
{
    private readonly ConcurrentDictionary<PendingBatch, byte> _folding = new(ReferenceEqualityComparer.Instance);

    /// <summary>Starts a batch (<see cref="PendingBatch.Start"/>) and remembers it until it is sent.</summary>
    public PendingBatch Start(IngestEnvelope first)
    {
        var batch = PendingBatch.Start(first);
        _folding.TryAdd(batch, 0);
        return batch;
    }

    /// <summary>The batch goes to its committer, which answers its requests from now on.</summary>
    public PendingBatch Sent(PendingBatch batch)
    {
        _folding.TryRemove(batch, out _);
        return batch;
    }

    /// <summary>Gives up every batch not sent (no write held them: never counted); returns how many requests that answered.</summary>
    public int GiveUpAll()
    {
        var requests = 0;
        foreach (var batch in _folding.Keys)
        {
            if (_folding.TryRemove(batch, out _))
            {
                batch.GiveUp(mayHaveCommitted: false);
                requests += batch.Envelopes.Count;
            }
        }
        return requests;
    }
}
