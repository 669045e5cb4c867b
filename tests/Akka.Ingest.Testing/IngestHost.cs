using Akka.Ingest.Pipeline.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Testing;

/// <summary>
/// The real host (Kestrel, Akka, the production wiring) started in the test process on a free loopback port,
/// its management listener on another (<see cref="FreePort"/>, unless the arguments give <c>Management:Port</c>).
/// </summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _temporaryDatabase;

    private IngestHost(WebApplication app, Uri address, Uri managementAddress)
    {
        _app = app;
        Address = address;
        ManagementAddress = managementAddress;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Management = new HttpClient { BaseAddress = managementAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The public listener: the API, health and metrics.</summary>
    public Uri Address { get; }

    /// <summary>The management listener on loopback: <c>/admin</c>, the dashboard, health and metrics.</summary>
    public Uri ManagementAddress { get; }

    public HttpClient Client { get; }

    /// <summary>A client of <see cref="ManagementAddress"/>.</summary>
    public HttpClient Management { get; }

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

        var managementPort = ManagementPortOf(arguments);
        if (managementPort is null)
        {
            managementPort = FreePort.Next();
            arguments.Add($"--Management:Port={managementPort}");
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
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => new Uri(a).Port != managementPort);
        return new IngestHost(app, new Uri(address), new Uri($"http://127.0.0.1:{managementPort}/")) { _temporaryDatabase = temporaryDatabase };
    }

    /// <summary>The <c>--Management:Port=N</c> among <paramref name="args"/>, if any.</summary>
    public static int? ManagementPortOf(IEnumerable<string> args) =>
        args.Select(a => System.Text.RegularExpressions.Regex.Match(a, @"^--Management:Port=(\d+)$"))
            .Where(m => m.Success).Select(m => (int?)int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).LastOrDefault();

    /// <summary>The host on a SQLite file of its own, deleted with the host.</summary>
    public static Task<IngestHost> StartOnTemporarySqliteAsync(params string[] args) => StartAsync(args);

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Management.Dispose();
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
