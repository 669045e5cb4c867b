using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akka.Ingest.Pipeline.Health;

/// <summary>
/// <c>/health/ready</c> is public, and its checks ping the store and the journal (and, in a cluster, ask the shard
/// region): one report serves every caller for <see cref="FreshFor"/> after it completes, and callers that come
/// while it runs wait for that one, so a balancer's probes or any client's loop cost at most one round of checks
/// per second.
/// </summary>
public sealed class ReadinessReports(HealthCheckService health)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    private readonly RecentResult<HealthReport> _latest = new(
        () => health.CheckHealthAsync(check => check.Tags.Contains(HealthEndpoints.ReadyTag), CancellationToken.None), FreshFor);

    public Task<HealthReport> LatestAsync(CancellationToken cancellationToken) => _latest.GetAsync(cancellationToken);
}
