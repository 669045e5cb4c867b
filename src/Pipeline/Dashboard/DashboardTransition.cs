using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>One transition in the dashboard's feed panel: what the feed's entry says, without its offset (the page does not resume from it).</summary>
public sealed record DashboardTransition(string Domain, string From, string To, long Delivered, long Bounced, DateTimeOffset At)
{
    public static DashboardTransition Of(DomainStatusChanged change) =>
        new(change.Domain, change.From.ToWireName(), change.To.ToWireName(), change.Delivered, change.Bounced, change.At);
}
