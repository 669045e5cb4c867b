using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Dashboard;

public static class DashboardServices
{
    /// <summary>Registers the dashboard's sampler (a hosted service) and its settings.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.SampleInterval >= TimeSpan.FromMilliseconds(100), "Dashboard:SampleInterval must be at least 100 ms.")
            .Validate(o => o.History >= o.SampleInterval && o.History <= TimeSpan.FromHours(1), "Dashboard:History must be between Dashboard:SampleInterval and one hour.")
            .Validate(o => o.CensusInterval > TimeSpan.Zero, "Dashboard:CensusInterval must be positive.")
            .Validate(o => o.FailingWindow > TimeSpan.Zero, "Dashboard:FailingWindow must be positive.")
            .Validate(o => o.BehindAfter > TimeSpan.Zero, "Dashboard:BehindAfter must be positive.")
            .ValidateOnStart();

        // A single host draws itself; the cluster mode replaces this picture with its members (ClusterServices).
        services.TryAddSingleton<IClusterPicture, SingleNodePicture>();
        services.AddSingleton(sp => new DashboardSampler(
            sp.GetRequiredService<PipelineInspector>(),
            new RelayJournalReplay(sp.GetRequiredService<Akka.Actor.ActorSystem>()),
            sp.GetRequiredService<ICounterStore>(),
            sp.GetRequiredService<IClusterPicture>(),
            sp.GetRequiredService<IOptions<DashboardOptions>>(),
            sp.GetRequiredService<ILogger<DashboardSampler>>(),
            // The census counts in the configured store, not in a decorator a test put in front of it.
            sp.GetRequiredService<PrimaryStore>().Counters as IDomainCensus));
        services.AddHostedService(sp => sp.GetRequiredService<DashboardSampler>());
        return services;
    }
}
