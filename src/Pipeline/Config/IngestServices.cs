using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Generation;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Config;

public static class IngestServices
{
    /// <summary>Registers the options, the store, the actor system and the ingest pipeline.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>()
            .Bind(configuration.GetSection(IngestOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Ingest:RequestTimeout must be positive.")
            .Validate(o => o.WriteTimeout > TimeSpan.Zero, "Ingest:WriteTimeout must be positive.")
            .Validate(o => o.WriterMinBackoff > TimeSpan.Zero && o.WriterMaxBackoff >= o.WriterMinBackoff,
                "Ingest:WriterMinBackoff must be positive and at most Ingest:WriterMaxBackoff.")
            .ValidateOnStart();

        // One store object serves the counts, the status outbox and the listings; tests may replace
        // ICounterStore alone with a decorator.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return new PrimaryStore(CounterStoreFactory.Create(options.Store, options.Policy));
        });
        services.AddSingleton(sp => sp.GetRequiredService<PrimaryStore>().Counters);
        services.AddSingleton(sp => (IStatusOutbox)sp.GetRequiredService<PrimaryStore>().Counters);
        services.AddSingleton(sp => (IDomainDirectory)sp.GetRequiredService<PrimaryStore>().Counters);
        services.AddSingleton<StatusFeedQueries>();
        services.AddSingleton<StatusRelayMonitor>();
        services.AddSingleton(sp => new IngestPipeline(sp.GetRequiredService<IOptions<IngestOptions>>().Value));

        // Order matters: Akka starts first and stops last; the pipeline drains before the actor system stops.
        services.ConfigureAkka();
        services.AddHostedService<IngestPipelineService>();
        services.AddInProcessGenerator(configuration);
        services.AddManagement(configuration);
        services.AddIngestCluster(configuration);
        return services;
    }
}
