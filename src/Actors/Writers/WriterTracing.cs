using System.Diagnostics;

namespace Akka.Ingest.Writers;

/// <summary>
/// The commit lanes' spans: one per store write (one transaction), a child of the commit span of the batch that asked for it (its W3C
/// <c>traceparent</c> travels in <see cref="PartitionWriterProtocol.WriteBatch"/>), so the database's own spans sit
/// under the commit. Nothing is recorded, and nothing is allocated, while no tracer listens.
/// </summary>
public static class WriterTracing
{
    public const string SourceName = "Akka.Ingest.Writers";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The current span as a <c>traceparent</c>, or null when nothing is traced.</summary>
    public static string? CurrentTraceParent() => Activity.Current?.Id is { } id && Activity.Current.IdFormat == ActivityIdFormat.W3C ? id : null;

    public static Activity? StartWrite(int lane, IReadOnlyList<PartitionWriterProtocol.WriteBatch> commands)
    {
        if (!Source.HasListeners())
            return null;
        ActivityContext.TryParse(commands[0].TraceParent, null, out var parent);
        var links = commands.Skip(1)
            .Select(c => ActivityContext.TryParse(c.TraceParent, null, out var context) ? new ActivityLink(context) : default)
            .Where(link => link.Context != default);
        var activity = Source.StartActivity("ingest.write", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("ingest.lane", lane);
        activity?.SetTag("ingest.partitions", string.Join(",", commands.Select(c => c.Partition).Distinct()));
        activity?.SetTag("ingest.contributions", commands.Count);
        return activity;
    }
}
