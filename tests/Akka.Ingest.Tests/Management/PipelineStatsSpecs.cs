using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary><c>/admin/pipeline</c> and <c>/admin/domains</c>: counters that move by exactly what a run sent.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class PipelineStatsSpecs
{
    [Fact]
    public async Task Should_move_the_counters_by_exactly_the_events_sent()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=3");
        var before = await host.PipelineAsync();

        var domains = Enumerable.Range(0, 7).Select(i => $"stats{i}.example").ToArray();
        var puts = Enumerable.Range(0, 40).Select(i => host.Client.PutAsync($"/events/{domains[i % domains.Length]}/delivered", null));
        Assert.All(await Task.WhenAll(puts), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        foreach (var invalid in new[] { "nodot", "bad..example", "x y.example" })
            Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PutAsync($"/events/{invalid}/bounced", null)).StatusCode);

        var after = await host.PipelineAsync();
        Assert.True(after.Running);
        Assert.Equal(40, after.Events.Accepted - before.Events.Accepted);
        Assert.Equal(40, after.Events.Committed - before.Events.Committed);
        Assert.Equal(3, after.Events.Rejected.Invalid - before.Events.Rejected.Invalid);
        Assert.Equal(0, after.Events.Rejected.QueueFull + after.Events.Rejected.TimedOut);
        Assert.Equal(40, after.Partitions.Sum(p => p.EventsCommitted) - before.Partitions.Sum(p => p.EventsCommitted));
        Assert.Equal(0, after.Queued);
        Assert.All(after.Partitions, p =>
        {
            Assert.Equal(0, p.BufferedEvents);
            Assert.Equal(0, p.InFlightEvents);
            Assert.Equal("running", p.Writer);
            Assert.Equal(0, p.WriterRestarts);
            // Every batch writes at least one row and at most one per event.
            Assert.InRange(p.RowsWritten, p.BatchesCommitted, p.EventsCommitted);
            // Fewer than 100 batches: the p99 is the slowest of them, so never below the last.
            Assert.True(p.P99FlushMs >= p.LastFlushMs, $"p99 {p.P99FlushMs} ms, last {p.LastFlushMs} ms");
        });
    }

    [Fact]
    public async Task Should_show_a_domains_counts_status_and_partition()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(new CatchAllPolicy(2)), "--Ingest:Partitions=4", "--Ingest:CatchAllThreshold=2");
        for (var i = 0; i < 3; i++)
            await host.Client.PutAsync("/events/shown.example/delivered", null);

        var shown = await host.Management.GetFromJsonAsync<DomainDetailsView>("/admin/domains/SHOWN.example.", ManagementHost.Json);
        var stats = await host.PipelineAsync();

        Assert.Equal(new DomainDetailsView("shown.example", "catch-all", 3, 0, shown!.Partition, 2), shown);
        Assert.Equal(3, stats.Partitions[shown.Partition].EventsCommitted);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Management.GetAsync("/admin/domains/no_dot")).StatusCode);
    }

    [Fact]
    public void Should_report_the_p99_of_recent_flush_times()
    {
        var reservoir = new LatencyReservoir();
        Assert.Equal(TimeSpan.Zero, reservoir.Percentile(99));

        for (var ms = 1; ms <= 100; ms++)
            reservoir.Record(TimeSpan.FromMilliseconds(ms));
        Assert.Equal(TimeSpan.FromMilliseconds(99), reservoir.Percentile(99));
        Assert.Equal(TimeSpan.FromMilliseconds(50), reservoir.Percentile(50));

        // Only the newest samples count: a slow start is forgotten once the reservoir has turned over.
        for (var i = 0; i < LatencyReservoir.Capacity; i++)
            reservoir.Record(TimeSpan.FromMilliseconds(2));
        Assert.Equal(TimeSpan.FromMilliseconds(2), reservoir.Percentile(99));
    }
}
