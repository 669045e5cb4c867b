using System.Globalization;
using Akka.Cluster.Sharding;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Routes a write to its partition's owner: shard id = entity id = the partition number, so the FNV partition
/// hash alone decides placement (never <c>string.GetHashCode</c>, which differs from process to process).
/// </summary>
public sealed class PartitionMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => PartitionOf(message) is { } partition
        ? partition.ToString(CultureInfo.InvariantCulture)
        : null;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;

    private static int? PartitionOf(object message) => message switch
    {
        WriteBatch write => write.Partition,
        _ => null,
    };
}
