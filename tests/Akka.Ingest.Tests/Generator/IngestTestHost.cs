using Akka.Ingest.Pipeline.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Generator;

/// <summary>
/// The real Akka.Ingest host on a free loopback port with its own temporary SQLite file, reachable over a
/// socket (which WebApplicationFactory's in-memory server is not).
/// </summary>
public sealed class IngestTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _database;

    private IngestTestHost(WebApplication app, string url, string database)
    {
        _app = app;
        Url = url;
        _database = database;
    }

    public string Url { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<IngestTestHost> StartAsync(params string[] extraArgs)
    {
        var database = Path.Combine(Path.GetTempPath(), $"akka-ingest-generator-{Guid.NewGuid():N}.db");
        string[] args = ["--urls", "http://127.0.0.1:0", $"--Ingest:Store:ConnectionString=Data Source={database}", .. extraArgs];
        var app = IngestHostBuilder.Build(IngestHostBuilder.CreateBuilder(args));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            DeleteDatabase(database);
            throw;
        }
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new IngestTestHost(app, url, database);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        DeleteDatabase(_database);
    }

    private static void DeleteDatabase(string database)
    {
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(file);
    }
}
