using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Health;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Pipeline.Metrics;

namespace Akka.Ingest.Pipeline.Http;

public static class IngestApi
{
    /// <summary>
    /// Every route: the public API, health, metrics and <c>/admin</c>; anything else is a 404 (405 for a known
    /// path, wrong method). <c>/admin</c> answers on the management listener only, the public API on the public
    /// one only (<see cref="ManagementListenerMiddleware"/>).
    /// </summary>
    public static WebApplication MapIngestApi(this WebApplication app)
    {
        app.UseStatusCodePages();
        app.UseManagementListener();
        app.UseIngestMetrics();
        app.MapEventEndpoints();
        app.MapBulkEndpoints();
        app.MapDomainEndpoints();
        app.MapStatusFeedEndpoints();
        app.MapIngestHealth();
        app.MapManagement();
        app.MapClusterManagement();
        app.MapClusterCommands();
        return app;
    }
}
