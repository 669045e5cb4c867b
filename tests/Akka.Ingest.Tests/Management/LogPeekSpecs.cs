using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Akka.Ingest.Tests.Management;

/// <summary>The bounded log ring behind <c>/admin/logs</c>.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class LogPeekSpecs
{
    [Fact]
    public void Should_keep_only_the_newest_events_oldest_first()
    {
        var ring = new LogRingBuffer(capacity: 3);
        for (var i = 1; i <= 5; i++)
            ring.Emit(Event($"line {i}"));

        Assert.Equal(["line 3", "line 4", "line 5"], ring.Last(10).Select(e => LogLineView.From(e).Message));
        Assert.Equal(["line 4", "line 5"], ring.Last(2).Select(e => LogLineView.From(e).Message));
        Assert.Empty(new LogRingBuffer(3).Last(5));
    }

    [Fact]
    public async Task Should_serve_the_newest_lines_rendered_like_the_console()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Management:LogCapacity=50", "--Ingest:StatusFeed:RunRelay=false");
        var ring = host.Services.GetRequiredService<LogRingBuffer>();
        Assert.Contains(ring, host.Services.GetServices<ILogEventSink>());
        for (var i = 0; i < 60; i++)
            ring.Emit(Event("Peeked {Number} from {Where}", new LogEventProperty("Number", new ScalarValue(i)), new LogEventProperty("Where", new ScalarValue("the spec"))));

        var peek = await host.Management.GetFromJsonAsync<LogPeekView>("/admin/logs?n=100", ManagementHost.Json);

        Assert.Equal(50, peek!.Capacity);
        Assert.Equal(50, peek.Lines.Count);
        Assert.Equal("Peeked 59 from the spec", peek.Lines[^1].Message);
        Assert.Equal("Information", peek.Lines[^1].Level);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Management.GetAsync("/admin/logs?n=0")).StatusCode);
    }

    private static LogEvent Event(string template, params LogEventProperty[] properties) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(template), properties);
}
