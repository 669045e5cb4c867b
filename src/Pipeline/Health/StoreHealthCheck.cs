using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Health;

/// <summary>
/// Ready only while the store answers a ping within <see cref="ManagementOptions.StorePingTimeout"/>. The
/// description is public (<c>/health/ready</c>), so it names neither the store's address nor the raw error:
/// the error goes to the log, and the store's address is under <c>/admin/config</c>.
/// </summary>
public sealed class StoreHealthCheck(ICounterStore store, IOptions<ManagementOptions> options, ILogger<StoreHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.StorePingTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await store.PingAsync(deadline.Token).WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy("the store answers");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (ex is TimeoutException or OperationCanceledException)
                return HealthCheckResult.Unhealthy($"the store did not answer within {timeout.TotalSeconds:0.###} s");
            logger.LogWarning("Readiness: the store {Store} failed its ping: {Reason}", store.Description, ex.GetBaseException().Message);
            return HealthCheckResult.Unhealthy("the store failed (see the host's log)");
        }
    }
}
