namespace Akka.Ingest.Bench;

/// <summary>
/// The baseline server (<c>Akka.Ingest.Bench bare-kestrel --urls …</c>): Kestrel with the host's routes, doing nothing.
/// <c>PUT /events/{domain}/{kind}</c> answers 204, <c>POST /events</c> reads the whole body and answers 204.
/// Same runtime settings as the host (a web project: server GC), no logging per request.
/// </summary>
public static class BareKestrel
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = 20_000;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        app.MapPut("/events/{domain}/{kind}", (string domain, string kind) => Results.NoContent());
        app.MapPost("/events", async (HttpRequest request) =>
        {
            var buffer = new byte[64 * 1024];
            while (await request.Body.ReadAsync(buffer) > 0)
            {
            }
            return Results.NoContent();
        });
        await app.StartAsync();
        // The runner waits for this line, as it does for the host's.
        Console.WriteLine($"Now listening on: {app.Urls.First()}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
