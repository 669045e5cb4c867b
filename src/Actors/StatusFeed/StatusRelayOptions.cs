namespace Akka.Ingest.StatusFeed;

/// <summary>How often the relay looks at the outbox and how much it moves at a time.</summary>
public sealed record StatusRelayOptions(TimeSpan PollInterval, int PageSize, int SnapshotEvery)
{
    public static StatusRelayOptions Default { get; } = new(TimeSpan.FromMilliseconds(200), 500, 1000);
}
