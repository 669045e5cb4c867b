namespace Akka.Ingest.Writers;

/// <summary>How many partitions there are and how their writers back off after failures.</summary>
public sealed record WriterSupervisionOptions(int Partitions, TimeSpan MinBackoff, TimeSpan MaxBackoff, TimeSpan ResetBackoffAfter);
