using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Generator;

/// <summary>
/// <c>--producer</c>: each worker is a producer session; an event whose answer was lost is sent again with the same
/// sequence until it is answered, so the host counts every event once, and the report counts resends and duplicates.
/// </summary>
public sealed class GeneratorProducerSpecs
{
    [Fact]
    public async Task Should_resend_an_event_whose_connection_was_cut_with_its_sequence_and_count_the_duplicate()
    {
        await using var host = await LostAnswerHost.StartAsync(everyNth: 5, LostAnswerHost.Loss.CutAfterCounting);

        var run = await CliRun.RunAsync("--url", host.Url, "--events", "50", "--concurrency", "2", "--seed", "4", "--producer", "gen", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json();
        Assert.Equal(50, report.GetProperty("acknowledged").GetInt64());
        Assert.Equal(10, report.GetProperty("resends").GetInt64());
        Assert.Equal(10, report.GetProperty("duplicates").GetInt64());
        Assert.Equal("gen", report.GetProperty("producer").GetString());
        // Every event counted exactly once, each under its own (producer, sequence).
        Assert.Equal(50, host.Counted.Count);
        Assert.All(host.Counted.Values, times => Assert.Equal(1, times));
        var requests = host.Requests;
        Assert.All(requests.Where(r => r.Answer == "cut"), cut =>
            Assert.Contains(requests, r => r.Answer == "duplicate" && r.ProducerId == cut.ProducerId && r.Sequence == cut.Sequence && r.Path == cut.Path));
        Assert.Equal(["gen-0", "gen-1"], requests.Select(r => r.ProducerId).Distinct().Order());
        foreach (var producer in requests.GroupBy(r => r.ProducerId))
        {
            var firstAttempts = producer.Where(r => r.Answer != "duplicate").Select(r => r.Sequence!.Value).ToArray();
            Assert.Equal(firstAttempts.Order(), firstAttempts);
            Assert.Equal(firstAttempts.Length, firstAttempts.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Should_resend_an_event_answered_by_a_gateway_error_with_its_sequence(int status)
    {
        await using var host = await LostAnswerHost.StartAsync(everyNth: 4, LostAnswerHost.Loss.StatusWithoutCounting, status);

        var run = await CliRun.RunAsync("--url", host.Url, "--events", "40", "--concurrency", "2", "--producer", "gw", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json();
        Assert.Equal(40, report.GetProperty("acknowledged").GetInt64());
        Assert.Equal(10, report.GetProperty("resends").GetInt64());
        Assert.Equal(0, report.GetProperty("duplicates").GetInt64());
        Assert.Equal(10, report.GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetInt64());
        Assert.Equal(40, host.Counted.Count);
    }

    [Fact]
    public async Task Should_not_resend_a_lost_answer_without_producer_sessions()
    {
        await using var host = await LostAnswerHost.StartAsync(everyNth: 5, LostAnswerHost.Loss.CutAfterCounting);

        var run = await CliRun.RunAsync("--url", host.Url, "--events", "20", "--concurrency", "1", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var report = run.Json();
        Assert.Equal(4, report.GetProperty("failed").GetInt64());
        Assert.False(report.TryGetProperty("resends", out _));
        Assert.Equal(20, host.Requests.Count);
        Assert.All(host.Requests, r => Assert.Null(r.ProducerId));
    }

    [Fact]
    public async Task Should_give_up_after_max_retries_when_no_answer_comes()
    {
        await using var host = await LostAnswerHost.StartAsync(everyNth: 1, LostAnswerHost.Loss.StatusEveryTime, 502);

        var run = await CliRun.RunAsync("--url", host.Url, "--events", "1", "--concurrency", "1", "--producer", "never", "--max-retries", "2", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var report = run.Json();
        Assert.Equal(1, report.GetProperty("failed").GetInt64());
        Assert.Equal(2, report.GetProperty("resends").GetInt64());
        Assert.Equal(3, report.GetProperty("responses").GetProperty("502").GetInt64());
        Assert.Equal(3, host.Requests.Count(r => r.Sequence == host.Requests[0].Sequence));
    }

    [Fact]
    public async Task Should_verify_exactly_against_the_real_host_and_continue_above_an_earlier_run_with_the_same_prefix()
    {
        await using var ingest = await IngestHost.StartOnTemporarySqliteAsync();

        var first = await CliRun.RunAsync("--url", ingest.Address.ToString(), "--events", "2000", "--concurrency", "8", "--seed", "21", "--producer", "same", "--verify");
        var second = await CliRun.RunAsync("--url", ingest.Address.ToString(), "--events", "2000", "--concurrency", "8", "--seed", "22", "--producer", "same", "--verify");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches(@"responses\s+204: 2000\n", second.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"duplicates\s+0 ", second.Output);
        Assert.Matches(@"verify\s+passed: \d+ domains match", second.Output);
    }
}
