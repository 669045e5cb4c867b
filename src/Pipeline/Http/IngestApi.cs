namespace Akka.Ingest.Pipeline.Http;

public static class IngestApi
{
    /// <summary>Every route of the public API; anything else is a 404 (405 for a known path, wrong method).</summary>
    public static WebApplication MapIngestApi(this WebApplication app)
    {
        app.UseStatusCodePages();
        app.MapEventEndpoints();
        app.MapBulkEndpoints();
        app.MapDomainEndpoints();
        app.MapStatusFeedEndpoints();
        return app;
    }
}
