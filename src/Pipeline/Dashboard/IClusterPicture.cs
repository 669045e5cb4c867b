namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>
/// Where the dashboard's cluster panel comes from. A single host registers <see cref="SingleNodePicture"/>;
/// the cluster mode replaces it with its members and partition owners.
/// </summary>
public interface IClusterPicture
{
    ClusterView Read(string nodeId, int partitions);
}

/// <summary>One node that owns every partition.</summary>
public sealed class SingleNodePicture : IClusterPicture
{
    public ClusterView Read(string nodeId, int partitions) => ClusterView.SingleNode(nodeId, partitions);
}
