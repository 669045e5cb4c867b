using Akka.Ingest.Pipeline.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Testing;

/// <summary>
/// The real host (Kestrel, Akka, the production wiring) started in the test process on a free loopback port.
/// </summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _temporaryDatabase;

    private IngestHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the host with <paramref name="args"/>. Without a store connection string among them it gets a
    /// SQLite file of its own, deleted with the host, so specs never share the default file.
    /// </summary>
    public static async Task<IngestHost> StartAsync(IEnumerable<string> args, Action<IServiceCollection>? overrideServices = null)
    {
        var arguments = args.ToList();
        string? temporaryDatabase = null;
        if (!arguments.Any(a => a.Contains("connection-string", StringComparison.Ordinal) || a.Contains("Store:ConnectionString", StringComparison.Ordinal)))
        {
            temporaryDatabase = Path.Combine(Path.GetTempPath(), $"akka-ingest-spec-{Guid.NewGuid():N}.db");
            arguments.Add($"--Ingest:Store:ConnectionString=Data Source={temporaryDatabase}");
        }

        var builder = IngestHostBuilder.CreateBuilder(["--urls", "http://127.0.0.1:0", .. arguments]);
        overrideServices?.Invoke(builder.Services);
        var app = IngestHostBuilder.Build(builder);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (temporaryDatabase is not null)
                DeleteDatabase(temporaryDatabase);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestHost(app, new Uri(address)) { _temporaryDatabase = temporaryDatabase };
    }

    /// <summary>The host on a SQLite file of its own, deleted with the host.</summary>
    public static Task<IngestHost> StartOnTemporarySqliteAsync(params string[] args) => StartAsync(args);

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_temporaryDatabase is not null)
            DeleteDatabase(_temporaryDatabase);
    }

    private static void DeleteDatabase(string database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(file);
    }
}
