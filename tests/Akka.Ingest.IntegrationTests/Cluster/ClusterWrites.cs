namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>Both ways a cluster writes, which the fault specs run in: every node through its own commit lanes (the default), or through the partitions' owners.</summary>
public enum ClusterWrites
{
    Direct,
    ThroughOwners,
}

public static class ClusterWritesExtensions
{
    /// <summary>The node argument that picks the way.</summary>
    public static string Argument(this ClusterWrites writes) => $"--Ingest:Cluster:RouteToOwner={writes == ClusterWrites.ThroughOwners}";
}
