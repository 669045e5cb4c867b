using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Dashboard;
using Akka.Ingest.Pipeline.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Cluster;

public static class ClusterServices
{
    /// <summary>
    /// Cluster mode's services: the <c>Ingest:Cluster</c> checks, the contribution cap, the cluster readiness
    /// check and the owner-routing series. The Akka side is <see cref="ClusterConfiguration.ConfigureCluster"/>.
    /// </summary>
    public static IServiceCollection AddIngestCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestClusterOptionsValidator>();
        // A contribution crosses the network to its owner: cap it so one remote message stays small.
        services.PostConfigure<IngestOptions>(o =>
        {
            if (!o.Cluster.Enabled)
                return;
            o.MaxBatchEvents = Math.Min(o.MaxBatchEvents, o.Cluster.MaxContributionEvents);
            o.Store.ConnectionString = PostgresSessionSettings.WithIdleInTransactionTimeout(o.Store.ConnectionString, o.Cluster.IdleInTransactionTimeout);
        });
        services.AddSingleton<ClusterInspector>();
        services.AddSingleton<OwnerRouting>();
        services.AddHostedService<OwnerRoutingMetrics>();
        // Only in cluster mode: the single-node readiness answer, series and dashboard panel stay as they were.
        if (configuration.GetValue<bool>($"{IngestOptions.Section}:Cluster:Enabled"))
        {
            services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);
            services.AddSingleton<ClusterPlacement>();
            services.AddHostedService(sp => sp.GetRequiredService<ClusterPlacement>());
            services.AddSingleton<ClusterPicture>();
            services.Replace(ServiceDescriptor.Singleton<IClusterPicture>(sp => sp.GetRequiredService<ClusterPicture>()));
            services.AddHostedService<ClusterMetrics>();
        }
        return services;
    }
}
