namespace Akka.Ingest.Writers;

/// <summary>
/// A commit lane as inspection sees it: writing normally or waiting out a backoff, its failures in a row and its
/// failed transactions in all (its isolation lane's included), the backoff in force, the partitions it writes alone after a failed transaction (and those of them waiting
/// out a backoff of their own), the transactions and contributions it committed, and its incarnation's uid.
/// </summary>
public sealed record LaneState(
    int Lane, string State, int FailuresInARow, long Failures, TimeSpan Backoff, IReadOnlyList<int> IsolatedPartitions,
    long Commits, long Contributions, TimeSpan Window, long Uid)
{
    public const string Running = "running";
    public const string BackingOff = "backing-off";

    public IReadOnlyList<PartitionBackoff> IsolatedBackoffs { get; init; } = [];
}
