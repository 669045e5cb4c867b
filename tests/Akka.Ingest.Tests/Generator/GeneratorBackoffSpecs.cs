namespace Akka.Ingest.Tests.Generator;

/// <summary>A host answering 503 + Retry-After makes the CLI wait and send the same event again.</summary>
public sealed class GeneratorBackoffSpecs
{
    [Fact]
    public async Task Should_wait_for_retry_after_and_resend_the_same_event()
    {
        await using var host = await UnavailableThenOkHost.StartAsync(unavailable: 3);

        var run = await CliRun.RunAsync("--url", host.Url, "--events", "20", "--concurrency", "2", "--seed", "3", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json();
        Assert.Equal(20, report.GetProperty("acknowledged").GetInt64());
        Assert.Equal(3, report.GetProperty("retries").GetInt64());
        Assert.Equal(3, report.GetProperty("responses").GetProperty("503").GetInt64());
        Assert.Equal(20, report.GetProperty("responses").GetProperty("204").GetInt64());

        var requests = host.Requests;
        var refused = requests.Where(r => r.Status == 503).ToArray();
        Assert.Equal(20, requests.Count(r => r.Status == 204));
        Assert.All(refused, r =>
        {
            // Each refused event came back (same path) no sooner than its Retry-After of one second.
            var resent = requests.First(later => later.Path == r.Path && later.At > r.At);
            Assert.True(resent.At - r.At >= TimeSpan.FromMilliseconds(950), $"{r.Path} resent after {(resent.At - r.At).TotalMilliseconds} ms");
        });
    }

    [Fact]
    public async Task Should_give_up_after_max_retries_and_exit_1()
    {
        await using var host = await UnavailableThenOkHost.StartAsync(unavailable: int.MaxValue);

        var run = await CliRun.RunAsync("--url", host.Url, "--events", "2", "--concurrency", "2", "--max-retries", "1", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var report = run.Json();
        Assert.Equal(0, report.GetProperty("acknowledged").GetInt64());
        Assert.Equal(2, report.GetProperty("failed").GetInt64());
        Assert.Equal(2, report.GetProperty("retries").GetInt64());
        Assert.Equal(4, report.GetProperty("responses").GetProperty("503").GetInt64());
    }
}
