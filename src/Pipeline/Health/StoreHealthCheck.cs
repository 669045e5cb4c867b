using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Health;

/// <summary>Ready only while the store answers a ping within <see cref="ManagementOptions.StorePingTimeout"/>.</summary>
public sealed class StoreHealthCheck(ICounterStore store, IOptions<ManagementOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.StorePingTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await store.PingAsync(deadline.Token).WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TimeoutException or OperationCanceledException
                ? $"no answer within {timeout.TotalSeconds:0.###} s"
                : ex.GetBaseException().Message;
            return HealthCheckResult.Unhealthy($"{store.Description}: {reason}");
        }
    }
}
