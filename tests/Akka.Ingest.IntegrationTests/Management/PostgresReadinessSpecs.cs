using System.Net;
using System.Text.Json;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Management;

/// <summary>
/// <c>/health/ready</c> and <c>/admin</c> against a real PostgreSQL that is killed (<c>pg_ctl stop -m
/// immediate</c>) and started again. Uses a server of its own.
/// </summary>
public sealed class PostgresReadinessSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Should_turn_unready_while_postgres_is_down_and_ready_again_after_it_returns()
    {
        // The throwaway server trusts local connections, so the password is accepted and ignored: it is there to be hidden.
        var connectionString = await _server.CreateDatabaseAsync("ready") + ";Password=hunter2";
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString,
            "--Ingest:Partitions=2", "--Ingest:RequestTimeout=00:00:01", "--Ingest:WriterMaxBackoff=00:00:00.500"]);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(host)).Status);

        await _server.StopImmediateAsync();
        var down = await UntilAsync(() => ReadyAsync(host), r => r.Status == HttpStatusCode.ServiceUnavailable, "readiness turns 503");
        Assert.Equal("Unhealthy", down.Checks["store"]);
        Assert.Equal("Healthy", down.Checks["pipeline"]);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/live")).StatusCode);

        // A write meanwhile fails; the writer restarts, and the stats say so.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.PutAsync("/events/outage.example/delivered", null)).StatusCode);
        var restarts = await UntilAsync(WriterRestartsAsync(host), n => n >= 1, "a writer restart is reported");
        Assert.True(restarts >= 1);

        await _server.StartAsync();
        await UntilAsync(() => ReadyAsync(host), r => r.Status == HttpStatusCode.OK, "readiness turns 200 again");
        await UntilAsync(async () => (await host.Client.PutAsync("/events/back.example/delivered", null)).StatusCode,
            status => status == HttpStatusCode.NoContent, "writes are acknowledged again");
    }

    [Fact]
    public async Task Should_show_the_connection_string_without_its_password()
    {
        var connectionString = await _server.CreateDatabaseAsync("config") + ";Password=hunter2";
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString]);

        using var config = JsonDocument.Parse(await host.Management.GetStringAsync("/admin/config"));
        var shown = config.RootElement.GetProperty("settings").GetProperty("Ingest:Store:ConnectionString").GetString()!;

        Assert.DoesNotContain("hunter2", shown);
        Assert.Contains("password=***", shown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("database=config_", shown, StringComparison.OrdinalIgnoreCase);
    }

    private static Func<Task<long>> WriterRestartsAsync(IngestHost host) => async () =>
    {
        using var stats = JsonDocument.Parse(await host.Management.GetStringAsync("/admin/pipeline"));
        return stats.RootElement.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("writerRestarts").GetInt64());
    };

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(IngestHost host)
    {
        using var response = await host.Client.GetAsync("/health/ready");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!));
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string because)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not true within {Patience}: {because} (last: {value})");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
