using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>One entry of the feed as the API shows it; <see cref="Offset"/> resumes the feed after it.</summary>
public sealed record StatusChangeView(long Offset, string Domain, string From, string To, long Delivered, long Bounced, DateTimeOffset At)
{
    public static StatusChangeView Of(long offset, DomainStatusChanged change) =>
        new(offset, change.Domain, change.From.ToWireName(), change.To.ToWireName(), change.Delivered, change.Bounced, change.At);
}
