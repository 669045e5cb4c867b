using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Tests.Generator;

/// <summary>The Mailgun reference stream on a large seeded sample (2,000,000 events, about 1,600 domains).</summary>
public sealed class MailgunDistributionSpecs
{
    private const long Seed = 20240601;
    private const int SampleEvents = 2_000_000;

    private static readonly Lazy<Sample> Shared = new(() => Sample.Take(Seed, SampleEvents));

    [Fact]
    public void Should_plan_between_0_and_2499_events_per_domain()
    {
        var planner = new MailgunDomainPlanner(Seed);
        var plans = Enumerable.Range(0, 20_000).Select(_ => planner.Next()).ToArray();

        Assert.All(plans, plan => Assert.InRange(plan.Events, 0, MailgunDomainPlanner.MaxEventsPerDomain));
        // rand(0..2499) has mean 1249.5; 20,000 draws put the sample mean within about ±5 of it.
        Assert.InRange(plans.Average(plan => plan.Events), 1230, 1270);
        Assert.Contains(plans, plan => plan.Events < 50);
        Assert.Contains(plans, plan => plan.Events > 2450);
    }

    [Fact]
    public void Should_emit_each_domain_exactly_its_planned_events()
    {
        var sample = Shared.Value;
        var plans = sample.Plans();

        Assert.All(sample.Counts.Values, counts => Assert.InRange(counts.Delivered + counts.Bounced, 1, MailgunDomainPlanner.MaxEventsPerDomain));
        Assert.All(sample.Counts, pair => Assert.True(plans.ContainsKey(pair.Key), $"{pair.Key} was never planned"));
        // Only the domains still in a slot when the sample ends may be short of their plan.
        var unfinished = sample.Counts.Count(pair => pair.Value.Delivered + pair.Value.Bounced != plans[pair.Key].Events);
        Assert.InRange(unfinished, 0, MailgunEventCursor.ConcurrentDomains);
        Assert.InRange(sample.Counts.Count, 1400, 1800);
    }

    [Fact]
    public void Should_spare_every_25th_domain_from_bounces()
    {
        var sample = Shared.Value;
        var plans = sample.Plans();

        var spared = plans.Values.Where(plan => (plan.Index + 1) % 25 == 0 && sample.Counts.ContainsKey(plan.Domain)).ToArray();
        Assert.InRange(spared.Length, 50, 80);
        Assert.All(spared, plan => Assert.Equal(0, sample.Counts[plan.Domain].Bounced));

        var others = plans.Values.Where(plan => (plan.Index + 1) % 25 != 0 && plan.Events >= 3 && sample.Counts.ContainsKey(plan.Domain));
        Assert.All(others, plan => Assert.True(sample.Counts[plan.Domain].Bounced > 0, $"{plan.Domain} never bounced"));
    }

    [Fact]
    public void Should_bounce_on_every_multiple_of_the_reference_stride()
    {
        // The reference marks event i a bounce when i % (int)(0.35 * max) == 0. That is 3 bounces for most
        // domains (i = 0, stride, 2 * stride), not 35% of the events: the share of bounces is well under 1%.
        var sample = Shared.Value;
        var finished = sample.Plans().Values
            .Where(plan => sample.Counts.TryGetValue(plan.Domain, out var counts) && counts.Delivered + counts.Bounced == plan.Events)
            .ToArray();

        Assert.All(finished, plan =>
        {
            var expectedBounces = plan.BounceEvery == 0 ? 0 : (plan.Events + plan.BounceEvery - 1) / plan.BounceEvery;
            Assert.Equal(expectedBounces, sample.Counts[plan.Domain].Bounced);
        });
        Assert.All(finished.Where(plan => plan.Events >= 20 && plan.BounceEvery > 0),
            plan => Assert.InRange(sample.Counts[plan.Domain].Bounced, 3, 4));

        var bounceShare = sample.Counts.Values.Sum(c => c.Bounced) / (double)SampleEvents;
        Assert.InRange(bounceShare, 0.001, 0.01);
    }

    [Fact]
    public void Should_place_bounces_at_event_positions_0_stride_and_twice_the_stride()
    {
        var cursor = new MailgunEventCursor(Seed);
        var planner = new MailgunDomainPlanner(Seed);
        var plan = planner.Next();
        while (plan.Events < 100 || plan.BounceEvery == 0)
            plan = planner.Next();

        var positions = new List<int>();
        var position = 0;
        while (position < plan.Events)
        {
            var evt = cursor.Next();
            if (evt.Domain != plan.Domain)
                continue;
            if (evt.Kind == EventKind.Bounced)
                positions.Add(position);
            position++;
        }

        Assert.Equal(Enumerable.Range(0, plan.Bounces).Select(i => i * plan.BounceEvery), positions);
    }

    [Fact]
    public void Should_interleave_20_domains_at_a_time()
    {
        var sample = Shared.Value;
        var active = new int[SampleEvents + 1];
        foreach (var (first, last) in sample.Spans.Values)
        {
            active[first]++;
            active[last + 1]--;
        }

        var running = 0;
        var most = 0;
        long total = 0;
        for (var i = 0; i < SampleEvents; i++)
        {
            running += active[i];
            most = Math.Max(most, running);
            total += running;
        }

        Assert.Equal(MailgunEventCursor.ConcurrentDomains, most);
        Assert.InRange(total / (double)SampleEvents, 19.0, 20.0);
    }

    [Fact]
    public void Should_name_domains_with_14_lowercase_letters_and_a_reference_tld()
    {
        string[] tlds = [".net", ".com", ".org", ".io", ".gov"];
        var sample = Shared.Value;

        Assert.All(sample.Counts.Keys, domain =>
        {
            var dot = domain.IndexOf('.');
            Assert.Equal(14, dot);
            Assert.True(domain[..dot].All(char.IsAsciiLetterLower), domain);
            Assert.Contains(domain[dot..], tlds);
            Assert.Equal(domain, DomainName.Normalize(domain));
        });
        Assert.All(tlds, tld => Assert.Contains(sample.Counts.Keys, domain => domain.EndsWith(tld, StringComparison.Ordinal)));
    }

    private sealed class Sample
    {
        public Dictionary<string, (long Delivered, long Bounced)> Counts { get; } = new();

        public Dictionary<string, (int First, int Last)> Spans { get; } = new();

        private long Seed { get; init; }

        public static Sample Take(long seed, int events)
        {
            var sample = new Sample { Seed = seed };
            var cursor = new MailgunEventCursor(seed);
            for (var i = 0; i < events; i++)
            {
                var evt = cursor.Next();
                var (delivered, bounced) = sample.Counts.GetValueOrDefault(evt.Domain);
                sample.Counts[evt.Domain] = evt.Kind == EventKind.Bounced ? (delivered, bounced + 1) : (delivered + 1, bounced);
                sample.Spans[evt.Domain] = sample.Spans.TryGetValue(evt.Domain, out var span) ? (span.First, i) : (i, i);
            }
            return sample;
        }

        /// <summary>The plans of every sampled domain, and a few beyond, by name.</summary>
        public Dictionary<string, MailgunDomainPlan> Plans()
        {
            var planner = new MailgunDomainPlanner(Seed);
            var plans = new Dictionary<string, MailgunDomainPlan>();
            var found = 0;
            while (found < Counts.Count)
            {
                var plan = planner.Next();
                plans[plan.Domain] = plan;
                if (Counts.ContainsKey(plan.Domain))
                    found++;
            }
            return plans;
        }
    }
}
