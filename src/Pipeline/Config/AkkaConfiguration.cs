using Akka.Hosting;
using Akka.Ingest.Inspection;
using Akka.Ingest.Stores;
using Akka.Ingest.Writers;
using Akka.Logger.Serilog;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>Wires the actor system: Serilog logging and the partition writers.</summary>
public static class AkkaConfiguration
{
    public const string ActorSystemName = "akka-ingest";

    public static IServiceCollection ConfigureAkka(this IServiceCollection services) =>
        services.AddAkka(ActorSystemName, (builder, sp) => builder
            // The host orders shutdown (web server, then the pipeline's drain, then the actor system);
            // Akka's own SIGTERM hook would race it and stop the writers while requests still wait.
            .AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
            .ConfigureIngestLogging()
            .ConfigureWriters(sp)
            .AddActorHierarchy());

    public static AkkaConfigurationBuilder ConfigureIngestLogging(this AkkaConfigurationBuilder builder) =>
        builder.ConfigureLoggers(loggers =>
        {
            loggers.ClearLoggers();
            loggers.AddSerilogLogging();
        });

    public static AkkaConfigurationBuilder ConfigureWriters(this AkkaConfigurationBuilder builder, IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
        return builder.AddPartitionWriters(
            sp.GetRequiredService<ICounterStore>(),
            new WriterSupervisionOptions(options.Partitions, options.WriterMinBackoff, options.WriterMaxBackoff,
                ResetBackoffAfter: options.WriterMaxBackoff * 2));
    }
}
