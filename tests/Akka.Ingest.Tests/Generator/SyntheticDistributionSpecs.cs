using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Tests.Generator;

public sealed class SyntheticDistributionSpecs
{
    [Fact]
    public void Should_touch_every_domain_of_a_small_uniform_set()
    {
        var touched = Touched(DistributionSpec.Uniform(1000), seed: 3, events: 20_000);

        Assert.Equal(1000, touched.Count);
    }

    [Fact]
    public void Should_touch_about_63_percent_of_a_uniform_set_with_as_many_events_as_domains()
    {
        const int domains = 100_000;
        var touched = Touched(DistributionSpec.Uniform(domains), seed: 4, events: domains);

        // N draws over N domains leave (1 - 1/N)^N ≈ 1/e of them untouched: 63,212 touched, σ ≈ 150.
        Assert.InRange(touched.Count, 62_500, 63_900);
        Assert.All(touched.Keys, name => Assert.Matches(@"^d\d{8}\.uniform\.test$", name));
    }

    [Fact]
    public void Should_give_a_small_hot_set_most_zipf_events()
    {
        const int domains = 1_000_000;
        const int events = 200_000;
        var cursor = new IndexedEventCursor(new ZipfIndexSampler(domains), SyntheticDomainNames.ForZipf(), 5);
        var perIndex = new Dictionary<int, int>();
        for (var i = 0; i < events; i++)
        {
            var index = cursor.NextIndex(out _);
            Assert.InRange(index, 0, domains - 1);
            perIndex[index] = perIndex.GetValueOrDefault(index) + 1;
        }

        var hottest = perIndex.MaxBy(pair => pair.Value).Key;
        var hotSetShare = perIndex.Where(pair => pair.Key < domains / 100).Sum(pair => pair.Value) / (double)events;
        Assert.Equal(0, hottest);
        // With s = 1, the top 1% of a million ranks carry H(10^4) / H(10^6) ≈ 68% of the draws.
        Assert.InRange(hotSetShare, 0.65, 0.71);
        Assert.InRange(perIndex[0] / (double)events, 0.065, 0.075);
    }

    [Theory]
    [InlineData("uniform:2000")]
    [InlineData("zipf:2000")]
    public void Should_bounce_35_percent_except_on_every_25th_domain(string distribution)
    {
        var cursor = (IndexedEventCursor)EventCursor.Create(DistributionSpec.Parse(distribution), 6);
        long spared = 0, others = 0, othersBounced = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var index = cursor.NextIndex(out var kind);
            if ((index + 1) % 25 == 0)
            {
                spared++;
                Assert.Equal(EventKind.Delivered, kind);
                continue;
            }
            others++;
            if (kind == EventKind.Bounced)
                othersBounced++;
        }

        Assert.True(spared > 0);
        Assert.InRange(othersBounced / (double)others, 0.34, 0.36);
    }

    [Theory]
    [InlineData("uniform:10000000")]
    [InlineData("zipf:10000000")]
    public void Should_name_synthetic_domains_deterministically_and_normalised(string distribution)
    {
        var first = EventCursor.Create(DistributionSpec.Parse(distribution), 7);
        var names = SyntheticDomainNames.ForUniform();

        Assert.Equal("d00000042.uniform.test", names.NameOf(42));
        Assert.Equal("d09999999.uniform.test", names.NameOf(9_999_999));
        Assert.Equal("z00000000.zipf.test", SyntheticDomainNames.ForZipf().NameOf(0));
        Assert.True(names.TryIndexOf("d00000042.uniform.test", out var index));
        Assert.Equal(42, index);
        Assert.False(names.TryIndexOf("d0000042.uniform.test", out _));
        Assert.False(names.TryIndexOf("z00000042.zipf.test", out _));
        for (var i = 0; i < 1000; i++)
        {
            var domain = first.Next().Domain;
            Assert.Equal(domain, DomainName.Normalize(domain));
        }
    }

    [Theory]
    [InlineData("mailgun")]
    [InlineData("uniform:1000000")]
    [InlineData("zipf:1000000")]
    public void Should_repeat_for_a_seed_and_differ_between_seeds(string distribution)
    {
        var spec = DistributionSpec.Parse(distribution);

        var first = Take(EventCursor.Create(spec, 11), 10_000);
        var again = Take(EventCursor.Create(spec, 11), 10_000);
        var other = Take(EventCursor.Create(spec, 12), 10_000);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        // Not merely shifted or mostly equal: most positions differ.
        Assert.True(first.Zip(other).Count(pair => pair.Item1 != pair.Item2) > 5_000);
    }

    private static DomainEvent[] Take(EventCursor cursor, int events) =>
        Enumerable.Range(0, events).Select(_ => cursor.Next()).ToArray();

    private static Dictionary<string, int> Touched(DistributionSpec spec, long seed, int events)
    {
        var cursor = EventCursor.Create(spec, seed);
        var touched = new Dictionary<string, int>();
        for (var i = 0; i < events; i++)
        {
            var domain = cursor.Next().Domain;
            touched[domain] = touched.GetValueOrDefault(domain) + 1;
        }
        return touched;
    }
}
