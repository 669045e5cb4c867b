namespace Akka.Ingest.Writers;

/// <summary>
/// A partition writer as its supervisor sees it: running or backing off, how often it was restarted, the delay of
/// the restart that made that count, and the running incarnation's uid.
/// </summary>
public sealed record WriterState(int Partition, string State, int? RestartCount, TimeSpan? Backoff, long? Uid)
{
    public const string Running = "running";
    public const string BackingOff = "backing-off";

    public static WriterState Unknown(int partition) => new(partition, "unknown", null, null, null);
}
