namespace Akka.Ingest.Writers;

/// <summary>How many partitions there are and how their writers back off after failures.</summary>
public sealed record WriterSupervisionOptions(int Partitions, TimeSpan MinBackoff, TimeSpan MaxBackoff, TimeSpan ResetBackoffAfter)
{
    /// <summary>The nominal delay of the restart that made the count <paramref name="restartCount"/> (the supervisor doubles it each time).</summary>
    public TimeSpan BackoffAfter(int restartCount) =>
        restartCount <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, restartCount - 1)));
}
