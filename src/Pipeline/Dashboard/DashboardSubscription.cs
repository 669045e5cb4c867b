using System.Threading.Channels;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>One page's feed: the history at the moment it subscribed, then every new sample until disposed.</summary>
public sealed class DashboardSubscription(DashboardHello hello, ChannelReader<DashboardSample> samples, Action unsubscribe) : IDisposable
{
    public DashboardHello Hello { get; } = hello;

    public ChannelReader<DashboardSample> Samples { get; } = samples;

    public void Dispose() => unsubscribe();
}
