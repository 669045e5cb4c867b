using Akka.Ingest.Stores;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Http;

/// <summary>The production host on a test server, with its own SQLite file and optional overrides.</summary>
public sealed class IngestApiFactory : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"akka-ingest-spec-{Guid.NewGuid():N}.db");
    private readonly Dictionary<string, string?> _settings;
    private readonly ICounterStore? _store;

    public IngestApiFactory(IDictionary<string, string?>? settings = null, ICounterStore? store = null)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Ingest:Store:Kind"] = "Sqlite",
            ["Ingest:Store:ConnectionString"] = $"Data Source={_database}",
        };
        _store = store;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (_store is not null)
            builder.ConfigureTestServices(services => services.AddSingleton(_store));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(file);
    }
}
