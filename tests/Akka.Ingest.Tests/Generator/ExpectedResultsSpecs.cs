using Akka.Ingest.Workload.Verification;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;
using Akka.Ingest.Generator.Verification;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Akka.Ingest.Tests.Generator;

/// <summary>The expected results agree with counting the Akka.Streams source itself, event by event.</summary>
public sealed class ExpectedResultsSpecs : Akka.TestKit.Xunit2.TestKit
{
    [Theory]
    [InlineData("mailgun", 300_000)]
    [InlineData("uniform:5000", 100_000)]
    [InlineData("zipf:5000", 100_000)]
    public async Task Should_equal_a_count_of_the_same_stream(string distribution, int events)
    {
        var spec = DistributionSpec.Parse(distribution);
        var reference = await CountAsync(GeneratorSources.Events(spec, 17).Take(events));

        var expected = ExpectedResultsCalculator.Compute(spec, 17, events);

        Assert.Equal(events, expected.Events);
        Assert.Equal(reference.Count, expected.DomainCount);
        Assert.Equal(
            reference.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new DomainCounts(pair.Key, pair.Value.Delivered, pair.Value.Bounced)),
            expected.Domains().OrderBy(counts => counts.Domain, StringComparer.Ordinal));
        Assert.Equal(events, expected.Domains().Sum(counts => counts.Delivered + counts.Bounced));
    }

    [Fact]
    public void Should_classify_the_mailgun_catch_all_candidates()
    {
        var expected = ExpectedResultsCalculator.Compute(DistributionSpec.Mailgun, 17, 2_000_000);
        var statuses = expected.Domains()
            .GroupBy(counts => CatchAllPolicy.Default.Classify(counts))
            .ToDictionary(group => group.Key, group => group.Count());

        // About 1 in 25 domains never bounces and about 60% of those pass 1,000 deliveries.
        Assert.InRange(statuses[DomainStatus.CatchAll], 20, 60);
        Assert.True(statuses[DomainStatus.NotCatchAll] > 1400);
        var catchAll = expected.Domains().First(counts => CatchAllPolicy.Default.Classify(counts) == DomainStatus.CatchAll);
        Assert.Equal(DomainStatus.CatchAll, expected.StatusOf(catchAll.Domain, CatchAllPolicy.Default));
        Assert.Equal(DomainStatus.Unknown, expected.StatusOf("never-generated.example", CatchAllPolicy.Default));
    }

    [Fact]
    public void Should_tally_ten_million_uniform_domains_by_index()
    {
        var expected = ExpectedResultsCalculator.Compute(DistributionSpec.Uniform(DistributionSpec.MaxDomains), 19, 1_000_000);

        Assert.IsType<TalliedByIndex>(expected);
        // 10^6 draws over 10^7 domains: about 951,600 distinct (σ ≈ 300).
        Assert.InRange(expected.DomainCount, 949_000, 954_000);
    }

    [Fact]
    public void Should_look_up_a_single_domain_of_an_indexed_tally()
    {
        var expected = ExpectedResultsCalculator.Compute(DistributionSpec.Uniform(50), 23, 10_000);
        var some = expected.Domains().First();

        Assert.Equal(some, expected.CountsOf(some.Domain));
        Assert.Equal(DomainCounts.Unseen("d00000099.uniform.test"), expected.CountsOf("d00000099.uniform.test"));
    }

    private async Task<Dictionary<string, (long Delivered, long Bounced)>> CountAsync(Source<DomainEvent, NotUsed> source) =>
        await source.RunAggregate(
            new Dictionary<string, (long Delivered, long Bounced)>(),
            (counts, evt) =>
            {
                var (delivered, bounced) = counts.GetValueOrDefault(evt.Domain);
                counts[evt.Domain] = evt.Kind == EventKind.Bounced ? (delivered, bounced + 1) : (delivered + 1, bounced);
                return counts;
            },
            Sys.Materializer());
}
