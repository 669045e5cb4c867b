namespace Akka.Ingest.Pipeline.Generation;

/// <summary>What an in-process generation run did, once all its events were committed.</summary>
public sealed record GenerationSummary(string Distribution, long Seed, long Events, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}
