using Akka.Hosting;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>The shard region of partition owners (wired once the writer protocol is settled).</summary>
public static class PartitionOwners
{
    public static AkkaConfigurationBuilder WithPartitionOwners(this AkkaConfigurationBuilder builder, IServiceProvider sp) => builder;
}
