using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;
using HdrHistogram;

namespace Akka.Ingest.Bench;

/// <summary>
/// Posts NDJSON bodies to <c>POST /events</c> from a few concurrent clients until a number of events is
/// acknowledged. The bodies are made before the clock starts (the Mailgun stream, or distinct synthetic domains)
/// so that the figure is the server's, not the body builder's.
/// </summary>
public static class BulkLoad
{
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    /// <summary><paramref name="count"/> bodies of consecutive events of the seeded Mailgun stream.</summary>
    public static byte[][] MailgunBodies(int count, int eventsPerBody, long seed)
    {
        var cursor = EventCursor.Create(DistributionSpec.Parse("mailgun"), seed);
        return Enumerable.Range(0, count).Select(_ => Body(Enumerable.Range(0, eventsPerBody).Select(_ => cursor.Next()))).ToArray();
    }

    /// <summary>
    /// A body of distinct synthetic domains <c>first … first + count - 1</c>; about a third bounce (never every 25th),
    /// as in the uniform distribution, so status transitions are written as they would be.
    /// </summary>
    public static byte[] DistinctBody(long first, int count) =>
        Body(Enumerable.Range(0, count).Select(i =>
        {
            var index = first + i;
            var bounced = index % 100 < 35 && index % 25 != 0;
            return new DomainEvent(string.Create(CultureInfo.InvariantCulture, $"r{index:D8}.rss.test"), bounced ? EventKind.Bounced : EventKind.Delivered);
        }));

    public static byte[] Body(IEnumerable<DomainEvent> events)
    {
        var text = new StringBuilder();
        foreach (var evt in events)
            text.Append("{\"domain\":\"").Append(evt.Domain).Append("\",\"kind\":\"")
                .Append(evt.Kind == EventKind.Bounced ? "bounced" : "delivered").Append("\"}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Sends bodies (cycling through them) from <paramref name="clients"/> workers until <paramref name="events"/> are acknowledged.</summary>
    public static async Task<LoadResult> RunAsync(
        Uri server, Func<long, byte[]> bodyOf, int eventsPerBody, long events, int clients, int serverPid, int postgresPid)
    {
        using var http = HttpLoadClient.Create(server, clients);
        var bodies = (events + eventsPerBody - 1) / eventsPerBody;
        var next = -1L;
        long acknowledged = 0;
        long failures = 0;
        var meter = CpuSplit.Start(LoadToolKind.ThisProcess, serverPid, postgresPid);
        var started = Stopwatch.GetTimestamp();
        var histograms = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new LongHistogram(TimeSpan.FromMinutes(2).Ticks / 10, 3);
            long body;
            while ((body = Interlocked.Increment(ref next)) < bodies)
            {
                using var content = new ByteArrayContent(bodyOf(body));
                content.Headers.ContentType = Ndjson;
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("events", content);
                latencies.RecordValue((long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds);
                if (response.IsSuccessStatusCode)
                    Interlocked.Add(ref acknowledged, eventsPerBody);
                else
                    Interlocked.Increment(ref failures);
            }
            return latencies;
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = meter.Stop();
        return Latency.Summarise(histograms, acknowledged / seconds, failures, cpu);
    }
}
