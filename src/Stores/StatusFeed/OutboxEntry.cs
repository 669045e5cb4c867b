using Akka.Ingest.Domain;

namespace Akka.Ingest.StatusFeed;

/// <summary>A status transition waiting in the store's outbox to be journaled.</summary>
public sealed record OutboxEntry(long Id, string Domain, DomainStatus From, DomainStatus To, long Delivered, long Bounced, DateTimeOffset ChangedAt);
