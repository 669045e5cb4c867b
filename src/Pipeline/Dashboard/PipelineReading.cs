using Akka.Ingest.Pipeline.Management;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>One read of <c>/admin/pipeline</c>'s view and when it was taken (Unix ms): the raw material of rates.</summary>
public sealed record PipelineReading(long At, PipelineStatsView Stats)
{
    public double SecondsSince(PipelineReading earlier) => Math.Max(0, At - earlier.At) / 1000.0;
}
