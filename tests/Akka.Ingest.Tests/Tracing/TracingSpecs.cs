using System.Diagnostics;
using System.Net;
using Akka.Ingest.Pipeline.Tracing;
using Akka.Ingest.Testing;
using Akka.Ingest.Writers;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Akka.Ingest.Tests.Tracing;

public sealed class TracingSpecs
{
    [Fact]
    public async Task Should_link_a_puts_request_span_to_the_commit_span_with_the_write_under_it()
    {
        var spans = new ExportedSpans();
        await using var host = await IngestHost.StartAsync([],
            services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddIngestSources().AddInMemoryExporter(spans)));

        var response = await host.Client.PutAsync("/events/traced.example/delivered", null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        await Eventually.TrueAsync(() => spans.Snapshot().Any(IsPutRequest) && spans.Snapshot().Any(s => s.OperationName == "ingest.commit"),
            TimeSpan.FromSeconds(10), "the request and commit spans are exported");
        var request = spans.Snapshot().Single(IsPutRequest);
        var commit = spans.Snapshot().Single(s => s.OperationName == "ingest.commit" && s.Links.Any(l => l.Context.TraceId == request.TraceId));
        var write = spans.Snapshot().Single(s => s.Source.Name == WriterTracing.SourceName && s.ParentSpanId == commit.SpanId);

        Assert.Equal(request.SpanId, commit.Links.Single(l => l.Context.TraceId == request.TraceId).Context.SpanId);
        Assert.Equal(commit.TraceId, write.TraceId);
        Assert.NotEqual(request.TraceId, commit.TraceId);
    }

    [Fact]
    public async Task Should_trace_nothing_without_an_exporter_configured()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    private static bool IsPutRequest(Activity span) =>
        span.Kind == ActivityKind.Server && span.DisplayName.StartsWith("PUT", StringComparison.Ordinal) &&
        span.GetTagItem("url.path") is "/events/traced.example/delivered";

    /// <summary>The in-memory exporter's target, safe to read while the exporter adds to it.</summary>
    private sealed class ExportedSpans : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _lock = new();

        public Activity[] Snapshot()
        {
            lock (_lock)
                return this.ToArray();
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
                base.InsertItem(index, item);
        }
    }
}
