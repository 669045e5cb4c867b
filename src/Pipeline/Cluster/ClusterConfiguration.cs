using System.Globalization;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Ingest.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Writers;
using Akka.Actor;
using Akka.Remote.Hosting;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Cluster mode (<c>Ingest:Cluster:Enabled</c>): remoting (with mutual TLS when <c>Ingest:Cluster:Tls</c> names a
/// certificate), membership with a keep-majority split-brain resolver,
/// the wire serializer, the partition owners (a shard region) and the status relay as a cluster singleton.
/// Does nothing when cluster mode is off, so the single-node default is untouched.
/// </summary>
public static class ClusterConfiguration
{
    public static AkkaConfigurationBuilder ConfigureCluster(this AkkaConfigurationBuilder builder, IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
        var cluster = options.Cluster;
        if (!cluster.Enabled)
            return builder;

        return builder
            .AddHocon(Timings(cluster), HoconAddMode.Prepend)
            .WithRemoting(ClusterRemoting.Options(cluster))
            .WithClustering(new ClusterOptions
            {
                Roles = options.StatusFeed.RunRelay ? [IngestClusterOptions.Role, IngestClusterOptions.RelayRole] : [IngestClusterOptions.Role],
                // No seeds: the node forms a cluster of one with itself, rather than waiting forever to join.
                SeedNodes = cluster.SeedNodes.Length > 0 ? cluster.SeedNodes : [cluster.SelfAddress],
                SplitBrainResolver = new KeepMajorityOption(),
                MinimumNumberOfMembers = cluster.MinimumMembers,
            })
            .WithCustomSerializer(IngestWireSerializer.Name, IngestWireSerializer.BoundTypes, system => new IngestWireSerializer(system, cluster.MaxContributionEvents))
            .WithPartitionOwners(sp)
            .WithStatusRelaySingleton(sp)
            .WithActors((system, registry) =>
                system.ActorOf(CommitWindowScalerActor.Props(registry.Get<CommitLanesActor>(), options.CommitLaneSettings), "commit-window-scaler"));
    }

    /// <summary>
    /// Timings for a small cluster on shared machines. A crashed node is unreachable after about the heartbeat
    /// pause, downed StableAfter later, and its shards move then; writes do not wait for that (OwnerTimeout).
    /// <c>down-all-when-unstable</c> is off unless <see cref="IngestClusterOptions.DownAllWhenUnstable"/> says a
    /// restarting orchestrator runs the nodes. A rebalance round every 2 s (Akka: 10 s), at most 4 shards each: the
    /// first node Up hosts every partition until rounds move them, so a joining node takes its share within seconds.
    /// No typed options exist for these in Cluster.Hosting 1.5.73.
    /// </summary>
    internal static string Timings(IngestClusterOptions cluster) => $"""
        akka.cluster.split-brain-resolver.stable-after = {Millis(cluster.StableAfter)}
        akka.cluster.split-brain-resolver.down-all-when-unstable = {(cluster.DownAllWhenUnstable ? "on" : "off")}
        akka.cluster.failure-detector.acceptable-heartbeat-pause = {Millis(cluster.AcceptableHeartbeatPause)}
        akka.cluster.sharding.handoff-timeout = {Millis(cluster.HandOffTimeout)}
        akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 4
        akka.cluster.sharding.rebalance-interval = 2s
        akka.cluster.singleton.hand-over-retry-interval = 500ms
        """;

    private static string Millis(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>
    /// The status relay on the oldest node that may run it (<c>RunRelay=true</c> gives a node the role
    /// <see cref="IngestClusterOptions.RelayRole"/>), under the same backoff supervisor as on one node, with a proxy on
    /// every node registered as <see cref="StatusRelayActor"/>. The role is the relay's own, not <c>ingest</c>: a
    /// singleton runs only on the oldest member with its role, so with the shared role a <c>RunRelay=false</c> node
    /// that became oldest stopped the feed for the whole cluster. It starts with the actor system: until the database
    /// is migrated its outbox reads fail and are retried. Two relays after a split cannot both append: the journal's
    /// key refuses the stale one.
    /// </summary>
    private static AkkaConfigurationBuilder WithStatusRelaySingleton(this AkkaConfigurationBuilder builder, IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
        var relayRole = new ClusterSingletonOptions { Role = IngestClusterOptions.RelayRole };
        if (!options.StatusFeed.RunRelay)
            return builder.WithSingletonProxy<StatusRelayActor>(StatusRelayActor.Name, relayRole);
        var outbox = sp.GetRequiredService<IStatusOutbox>();
        var signal = sp.GetRequiredService<IOutboxSignal>();
        var relayOptions = options.StatusFeed.Relay;
        return builder.WithSingleton<StatusRelayActor>(
            StatusRelayActor.Name, StatusRelayActorExtensions.SupervisedProps(outbox, signal, relayOptions), relayRole, createProxyToo: true);
    }
}
