using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace Akka.Ingest.Bench;

/// <summary>
/// <c>GET /domains/{domain}</c> at a fixed modest rate (a reader, not a load) over a few connections, for domains the
/// PUT load wrote; latency from sending to reading the whole answer.
/// </summary>
public static class GetProbe
{
    private const int Workers = 8;

    public static async Task<LoadResult> RunAsync(Uri server, int rate, TimeSpan duration, int domains, int serverPid, int postgresPid)
    {
        using var http = HttpLoadClient.Create(server, Workers);
        var interval = TimeSpan.FromSeconds(Workers / (double)rate);
        long failures = 0;
        var meter = CpuSplit.Start(LoadToolKind.ThisProcess, serverPid, postgresPid);
        var started = Stopwatch.GetTimestamp();
        var histograms = await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var latencies = new LongHistogram(TimeSpan.FromMinutes(2).Ticks / 10, 3);
            var random = new Random(worker);
            // Workers start spread over one interval, then each keeps its own schedule.
            var due = started + (long)(interval.TotalSeconds * Stopwatch.Frequency * worker / Workers);
            for (var n = 0; ; n++)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                if (Stopwatch.GetElapsedTime(started) >= duration)
                    break;
                var domain = string.Create(CultureInfo.InvariantCulture, $"d{random.Next(domains):D8}.uniform.test");
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"domains/{domain}", HttpCompletionOption.ResponseContentRead);
                latencies.RecordValue((long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds);
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref failures);
                due += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            }
            return latencies;
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = meter.Stop();
        var result = Latency.Summarise(histograms, 0, failures, cpu);
        return result with { EventsPerSecond = result.Requests / seconds };
    }
}
