namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>How long a committer waits for a writer's reply, and the bounds of its delay between resends while the writer backs off.</summary>
public sealed record CommitterTimings(TimeSpan WriteTimeout, TimeSpan MinRetryDelay, TimeSpan MaxRetryDelay);
