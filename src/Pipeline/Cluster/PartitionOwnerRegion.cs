namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>The registry key of the shard region whose entities are the partition owners.</summary>
public sealed class PartitionOwnerRegion
{
    public const string TypeName = "partition-owner";

    private PartitionOwnerRegion()
    {
    }
}
