using Akka.Configuration;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>
/// The split-brain resolver's settings as the host hands them to Akka: down-all-when-unstable stays off by default
/// (nodes nobody restarts) and turns on with Ingest:Cluster:DownAllWhenUnstable (deploy/k8s/cluster sets it).
/// </summary>
public sealed class SplitBrainSettingsSpecs
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Should_down_all_when_unstable_only_when_asked(bool setting, bool expected)
    {
        var hocon = ConfigurationFactory.ParseString(ClusterConfiguration.Timings(new IngestClusterOptions { DownAllWhenUnstable = setting }));

        Assert.Equal(expected, hocon.GetBoolean("akka.cluster.split-brain-resolver.down-all-when-unstable"));
        Assert.Equal(TimeSpan.FromSeconds(7), hocon.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }
}
