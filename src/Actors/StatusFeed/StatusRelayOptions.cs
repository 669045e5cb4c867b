namespace Akka.Ingest.StatusFeed;

/// <summary>
/// How soon the relay looks at the outbox after a signalled commit (and at least how far apart its looks are), how
/// often it looks unsignalled, how much it moves at a time, and how often it snapshots. The host makes
/// one from <c>Ingest:StatusFeed</c> for both modes (<c>StatusFeedOptions.Relay</c>); there is no default here to
/// apply silently.
/// </summary>
public sealed record StatusRelayOptions(TimeSpan PollInterval, TimeSpan IdlePollInterval, int PageSize, int SnapshotEvery)
{
    public const int DefaultSnapshotEvery = 1000;
}
