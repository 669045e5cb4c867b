using System.Diagnostics;

namespace Akka.Ingest.Writers;

/// <summary>
/// A partition that failed alone on its lane's isolation lane: its failures there in a row, the backoff they earned,
/// and when it ends (a <see cref="Stopwatch"/> timestamp). Only that partition waits; the others keep committing.
/// </summary>
public sealed record PartitionBackoff(int Partition, int FailuresInARow, TimeSpan Backoff, long EndsAt)
{
    public TimeSpan Remaining()
    {
        var remaining = TimeSpan.FromSeconds((EndsAt - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }
}
