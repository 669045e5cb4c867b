using Akka.Ingest.Domain;

namespace Akka.Ingest.Tests.Domain;

public sealed class CatchAllPolicySpecs
{
    private readonly CatchAllPolicy _policy = CatchAllPolicy.Default;

    [Fact]
    public void Should_leave_exactly_1000_deliveries_unknown() =>
        Assert.Equal(DomainStatus.Unknown, _policy.Classify(delivered: 1000, bounced: 0));

    [Fact]
    public void Should_call_1001_deliveries_without_bounce_catch_all() =>
        Assert.Equal(DomainStatus.CatchAll, _policy.Classify(delivered: 1001, bounced: 0));

    [Fact]
    public void Should_turn_catch_all_into_not_catch_all_on_a_bounce()
    {
        var counts = Apply(new DomainCounts("example.com", 0, 0), delivered: 1500);
        Assert.Equal(DomainStatus.CatchAll, _policy.Classify(counts));

        counts = Apply(counts, bounced: 1);
        Assert.Equal(DomainStatus.NotCatchAll, _policy.Classify(counts));
    }

    [Fact]
    public void Should_keep_not_catch_all_after_bounce_first_then_5000_deliveries()
    {
        var counts = Apply(new DomainCounts("example.com", 0, 0), bounced: 1);
        counts = Apply(counts, delivered: 5000);
        Assert.Equal(DomainStatus.NotCatchAll, _policy.Classify(counts));
    }

    [Fact]
    public void Should_report_unknown_for_a_domain_never_seen() =>
        Assert.Equal(DomainStatus.Unknown, _policy.Classify(DomainCounts.Unseen("never.example")));

    [Fact]
    public void Should_follow_a_configured_threshold()
    {
        var policy = new CatchAllPolicy(Threshold: 10);
        Assert.Equal(DomainStatus.Unknown, policy.Classify(10, 0));
        Assert.Equal(DomainStatus.CatchAll, policy.Classify(11, 0));
    }

    [Theory]
    [InlineData(1000, 0, 1, 0, DomainStatus.Unknown, DomainStatus.CatchAll)]
    [InlineData(1500, 0, 0, 1, DomainStatus.CatchAll, DomainStatus.NotCatchAll)]
    [InlineData(10, 0, 0, 2, DomainStatus.Unknown, DomainStatus.NotCatchAll)]
    public void Should_report_a_transition_once_when_a_delta_crosses_a_rule(
        long delivered, long bounced, long addDelivered, long addBounced, DomainStatus from, DomainStatus to)
    {
        var after = new DomainCounts("example.com", delivered + addDelivered, bounced + addBounced);
        var transition = _policy.TransitionOf(after, new DomainDelta("example.com", addDelivered, addBounced));

        Assert.NotNull(transition);
        Assert.Equal((from, to), (transition.From, transition.To));
    }

    [Theory]
    [InlineData(999, 0, 1, 0)]
    [InlineData(1001, 0, 5, 0)]
    [InlineData(0, 1, 5000, 3)]
    public void Should_report_no_transition_when_the_status_stays(long delivered, long bounced, long addDelivered, long addBounced)
    {
        var after = new DomainCounts("example.com", delivered + addDelivered, bounced + addBounced);
        Assert.Null(_policy.TransitionOf(after, new DomainDelta("example.com", addDelivered, addBounced)));
    }

    private static DomainCounts Apply(DomainCounts counts, long delivered = 0, long bounced = 0) =>
        counts with { Delivered = counts.Delivered + delivered, Bounced = counts.Bounced + bounced };
}
