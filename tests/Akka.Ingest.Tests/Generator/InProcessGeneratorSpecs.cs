using Akka.Ingest.Workload.Verification;
using Akka.Ingest.Testing;
using Akka.Ingest.Workload.Distributions;
using Akka.Ingest.Generator.Verification;
using Akka.Ingest.Pipeline.Generation;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Generator;

/// <summary><c>--generate</c>: the host feeds itself through the pipeline and every event is committed.</summary>
public sealed class InProcessGeneratorSpecs
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_commit_exactly_the_generated_events()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync("--generate", "20000", "--distribution", "uniform:500", "--seed", "9");
        var generator = host.Services.GetRequiredService<InProcessGeneratorService>();

        var summary = await generator.Completion.WaitAsync(RunTimeout);

        Assert.NotNull(summary);
        Assert.Equal(new GenerationSummary("uniform:500", 9, 20_000, summary.Elapsed), summary);
        Assert.Equal(20_000, host.Services.GetRequiredService<IngestCounters>().Committed);
        var store = host.Services.GetRequiredService<ICounterStore>();
        var expected = ExpectedResultsCalculator.Compute(DistributionSpec.Uniform(500), 9, 20_000);
        foreach (var counts in expected.Domains())
            Assert.Equal(counts, await store.ReadAsync(counts.Domain, CancellationToken.None));
    }

    [Fact]
    public async Task Should_offer_each_event_to_the_partition_of_its_domain()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync(
            "--generate", "30000", "--distribution", "uniform:2000", "--seed", "11", "--Generator:BatchSize=100");
        await host.Services.GetRequiredService<InProcessGeneratorService>().Completion.WaitAsync(RunTimeout);

        var partitioner = host.Services.GetRequiredService<IngestAdmission>().Partitioner;
        var counters = host.Services.GetRequiredService<IngestCounters>();
        var cursor = EventCursor.Create(DistributionSpec.Uniform(2000), 11);
        var expected = new long[partitioner.Partitions];
        for (var i = 0; i < 30_000; i++)
            expected[partitioner.PartitionOf(cursor.Next().Domain)]++;
        Assert.Equal(expected, counters.Partitions.Select(p => p.EventsCommitted));
    }

    [Fact]
    public async Task Should_stay_idle_without_generate()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();

        var summary = await host.Services.GetRequiredService<InProcessGeneratorService>().Completion.WaitAsync(RunTimeout);

        Assert.Null(summary);
        Assert.Equal(0, host.Services.GetRequiredService<IngestCounters>().Committed);
    }

    [Fact]
    public async Task Should_refuse_to_start_with_an_unknown_distribution()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => IngestHost.StartOnTemporarySqliteAsync("--generate", "10", "--distribution", "poisson"));

        Assert.Contains("Unknown distribution 'poisson'", failure.Message);
    }
}
