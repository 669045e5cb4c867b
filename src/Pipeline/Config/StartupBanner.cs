using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>The one start-up line: where the host listens and which store it uses.</summary>
public static class StartupBanner
{
    public static void Log(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var store = app.Services.GetRequiredService<ICounterStore>();
        var pipeline = app.Services.GetRequiredService<IngestPipeline>();
        app.Logger.LogInformation("Akka.Ingest listening on {Addresses} with store {Store} ({Partitions} partitions)",
            string.Join(", ", addresses), store.Description, pipeline.Partitioner.Partitions);
    }
}
