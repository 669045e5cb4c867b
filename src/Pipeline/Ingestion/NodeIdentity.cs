namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// This run of this node: <c>{node name}-{a full GUID}</c>, unique by construction (an id repeated from an earlier
/// run would make the store take new batches for old ones). Each partition's stream is an origin
/// <c>{Id}/p{partition}</c> in the store's ledger.
/// </summary>
public sealed class NodeIdentity(string nodeName)
{
    public string Id { get; } = $"{nodeName}-{Guid.NewGuid():N}";

    public string OriginOf(int partition) => $"{Id}/p{partition}";
}
