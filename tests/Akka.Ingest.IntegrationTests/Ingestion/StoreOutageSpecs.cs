using System.Net.Http.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Ingestion;

/// <summary>
/// PostgreSQL killed (<c>pg_ctl stop -m immediate</c>) in the middle of a run and started again: every
/// acknowledged event is counted exactly once, and nothing answered 503 is counted. Uses a server of its own.
/// </summary>
public sealed class StoreOutageSpecs : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Should_count_every_acknowledged_event_exactly_once_across_a_database_crash()
    {
        var connectionString = await _server.CreateDatabaseAsync("outage");
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString,
            "--Ingest:RequestTimeout=00:00:01", "--Ingest:WriterMaxBackoff=00:00:00.500"]);
        using var client = PutLoad.CreateClient(host.Address, 64);
        var load = new PutLoad();
        var domains = Enumerable.Range(0, 50).Select(i => $"outage{i}.example").ToArray();
        var events = Enumerable.Range(0, 12_000).Select(i => new DomainEvent(domains[i % domains.Length], i % 97 == 0 ? EventKind.Bounced : EventKind.Delivered));

        var running = load.RunAsync(client, events, concurrency: 64);
        await Eventually.TrueAsync(() => load.Acknowledged >= 2_000, TimeSpan.FromSeconds(60), "the first 2,000 events are acknowledged");
        await _server.StopImmediateAsync();
        var acknowledgedAtCrash = load.Acknowledged;
        await Eventually.TrueAsync(() => load.Unavailable >= 50, TimeSpan.FromSeconds(60), "requests are refused while the database is down");
        await _server.StartAsync();
        await running;

        Assert.Equal(0, load.OtherStatuses);
        Assert.Equal(0, load.TransportErrors);
        Assert.True(load.Acknowledged > acknowledgedAtCrash, "acknowledgements resumed after the database came back");
        Assert.Equal(12_000, load.Acknowledged + load.Unavailable);
        foreach (var domain in domains)
        {
            var (delivered, bounced) = load.AcknowledgedFor(domain);
            var view = await client.GetFromJsonAsync<DomainView>($"/domains/{domain}");
            Assert.Equal((domain, delivered, bounced), (view!.Domain, view.Delivered, view.Bounced));
        }
    }
}
