namespace Akka.Ingest.Writers;

/// <summary>
/// A partition's writing as inspection sees it, from the lane it commits through: running, backing off (its lane, or
/// the partition alone on the isolation lane), or isolated (committing alone after a failed transaction); the
/// failures in a row, the backoff in force, and the lane incarnation's uid.
/// </summary>
public sealed record WriterState(int Partition, string State, int? RestartCount, TimeSpan? Backoff, long? Uid, int? Lane = null)
{
    public const string Running = "running";
    public const string BackingOff = "backing-off";
    public const string Isolated = "isolated";

    public static WriterState Unknown(int partition) => new(partition, "unknown", null, null, null);

    public static WriterState Of(int partition, LaneState lane) =>
        lane.IsolatedBackoffs.FirstOrDefault(b => b.Partition == partition) is { } alone
            ? new(partition, BackingOff, alone.FailuresInARow, alone.Remaining(), lane.Uid, lane.Lane)
            : new(partition,
                lane.State == LaneState.BackingOff ? BackingOff : lane.IsolatedPartitions.Contains(partition) ? Isolated : Running,
                lane.FailuresInARow, lane.Backoff, lane.Uid, lane.Lane);
}
