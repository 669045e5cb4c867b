using Akka.Ingest.Domain;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using System.Runtime.InteropServices;

using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>SIGTERM to the host process during load: it drains, and the counts equal the acknowledged events.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GracefulShutdownSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_drain_on_sigterm_and_count_exactly_what_was_acknowledged()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("sigterm");
        await using var host = await HostProcess.StartAsync(
            ["--store", "Postgres", "--connection-string", connectionString, "--Ingest:RequestTimeout=00:00:30"], TimeSpan.FromSeconds(60));
        using var client = PutLoad.CreateClient(host.Address, 64);
        var load = new PutLoad();
        var domains = Enumerable.Range(0, 20).Select(i => $"term{i}.example").ToArray();
        var endless = Enumerable.Range(0, int.MaxValue).Select(i => new DomainEvent(domains[i % domains.Length], EventKind.Delivered));
        using var stop = new CancellationTokenSource();

        var running = load.RunAsync(client, endless, concurrency: 64, stop.Token);
        await Eventually.TrueAsync(() => load.Acknowledged >= 3_000, TimeSpan.FromSeconds(60), "3,000 events are acknowledged");
        host.Signal(PosixSignal.SIGTERM);
        await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await running;

        Assert.True(host.ExitCode == 0, $"exit code {host.ExitCode}:\n{host.Output}");
        Assert.Contains("Ingest pipeline drained", host.Output);
        await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        long counted = 0;
        foreach (var domain in domains)
        {
            var counts = await store.ReadAsync(domain, default);
            Assert.Equal(load.AcknowledgedFor(domain).Delivered, counts.Delivered);
            counted += counts.Delivered;
        }
        Assert.Equal(load.Acknowledged, counted);
        output.WriteLine($"acknowledged {load.Acknowledged}, counted {counted}, transport errors after SIGTERM {load.TransportErrors}");
    }
}
