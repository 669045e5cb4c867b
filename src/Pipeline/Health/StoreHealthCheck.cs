using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Health;

/// <summary>
/// Ready only while the store answers a ping within <see cref="ManagementOptions.StorePingTimeout"/>. The
/// description is public (<c>/health/ready</c>), so it names neither the store's address nor the raw error:
/// the error goes to the log once per outage (not once per probe, which would flush the <c>/admin/logs</c> ring
/// operators read during that outage), and the store's address is under <c>/admin/config</c>.
/// </summary>
public sealed class StoreHealthCheck(ICounterStore store, IOptions<ManagementOptions> options, ILogger<StoreHealthCheck> logger) : IHealthCheck
{
    private int _failing;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.StorePingTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await store.PingAsync(deadline.Token).WaitAsync(timeout, cancellationToken);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
                logger.LogInformation("Readiness: the store {Store} answers its ping again", store.Description);
            return HealthCheckResult.Healthy("the store answers");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var timedOut = ex is TimeoutException or OperationCanceledException;
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                logger.LogWarning("Readiness: the store {Store} failed its ping: {Reason} (logged once until it answers again)", store.Description,
                    timedOut ? $"no answer within {timeout.TotalSeconds:0.###} s" : ex.GetBaseException().Message);
            }
            return HealthCheckResult.Unhealthy(timedOut
                ? $"the store did not answer within {timeout.TotalSeconds:0.###} s"
                : "the store failed (see the host's log)");
        }
    }
}
