using Akka.Ingest.Domain;
using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// <c>/admin/dashboard</c> in a real headless Chromium against a real host under load: one partition's store
/// fails while healthy traffic is sent in paced bulks. The page must draw its charts, move its totals by exactly
/// what was committed, show the failing partition as backing off (in red), list a transition in the feed, and
/// count the domains. The screenshot is kept under artifacts/dashboard/ at the repository root.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class DashboardBrowserSpecs
{
    private const int Partitions = 4;
    private const int Rounds = 30;
    private const int EventsPerRound = 500;
    private const string FeedCheckDomain = "feedcheck.example";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Should_show_the_live_pipeline_in_a_real_browser()
    {
        var partitioner = new Partitioner(Partitions);
        var failingPartition = partitioner.PartitionOf(FeedCheckDomain) == 0 ? 1 : 0;
        bool Fails(string domain) => partitioner.PartitionOf(domain) == failingPartition;

        await using var host = await IngestHost.StartAsync(
            [
                $"--Ingest:Partitions={Partitions}", "--Ingest:CatchAllThreshold=5", "--Ingest:RequestTimeout=00:00:01",
                "--Ingest:WriterMaxBackoff=00:00:02", "--Dashboard:CensusInterval=00:00:01",
            ],
            services => services.AddSingleton<ICounterStore>(sp =>
                new DomainFaultCounterStore(sp.GetRequiredService<PrimaryStore>().Counters, Fails)));
        var profile = Directory.CreateTempSubdirectory("akka-ingest-chromium-");
        try
        {
            await using var browser = await HeadlessChromium.LaunchAsync(profile.FullName);
            await using var page = await browser.NewPageAsync();
            await page.GoToAsync(new Uri(host.ManagementAddress, "/admin/dashboard").ToString());
            await UntilAsync(page, "Number(document.body.dataset.samples || 0) >= 2", "the page receives samples");
            Assert.Equal("live", await page.EvaluateExpressionAsync<string>("document.getElementById('connection').dataset.state"));
            var committedBefore = await NumberAsync(page, "total-committed");

            // Load: the failing partition's domains keep coming (each PUT times out, 503) while healthy bulks are sent.
            using var stopStuck = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var stuck = Enumerable.Range(0, 4).Select(worker => PutStuckAsync(host.Client, worker, Fails, stopStuck.Token)).ToArray();
            var healthy = Enumerable.Range(0, 400).Select(i => $"load{i}.example").Where(d => !Fails(d)).Take(60).ToArray();
            var sent = await SendHealthyLoadAsync(host.Client, healthy);
            for (var i = 0; i < 6; i++)
                Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync($"/events/{FeedCheckDomain}/delivered", null)).StatusCode);
            sent += 6;

            // The totals move by exactly what was committed: the failing partition's events never are.
            await UntilAsync(page, $"document.getElementById('total-committed').dataset.value === '{committedBefore + sent}'",
                $"the committed total shows {committedBefore} + {sent}");

            // The failing partition stands out: backing off, in red; the healthy ones are ok.
            await UntilAsync(page, $"document.querySelector('.tile[data-partition=\"{failingPartition}\"]')?.dataset.health === 'backing-off'",
                $"partition {failingPartition} is shown backing off");
            Assert.Equal("rgb(248, 81, 73)", await page.EvaluateExpressionAsync<string>(
                $"getComputedStyle(document.querySelector('.tile[data-partition=\"{failingPartition}\"]')).borderLeftColor"));
            var healthOfOthers = await page.EvaluateExpressionAsync<string[]>(
                $"[...document.querySelectorAll('.tile')].filter(t => t.dataset.partition !== '{failingPartition}').map(t => t.dataset.health)");
            Assert.Equal(Enumerable.Repeat("ok", Partitions - 1), healthOfOthers);

            // A transition scrolls into the feed panel.
            await UntilAsync(page,
                $"[...document.querySelectorAll('#feed li')].some(li => li.dataset.domain === '{FeedCheckDomain}' && li.textContent.includes('unknown → catch-all'))",
                $"the feed shows {FeedCheckDomain} going from unknown to catch-all");

            // The census counts every committed domain: a third of the load's domains bounced, the rest and the check domain are catch-all.
            var notCatchAll = healthy.Where((_, j) => j % 3 == 0).Count();
            await UntilAsync(page,
                $"document.getElementById('domains-known').dataset.value === '{healthy.Length + 1}' && " +
                $"document.getElementById('domains-catch-all').dataset.value === '{healthy.Length + 1 - notCatchAll}' && " +
                $"document.getElementById('domains-not-catch-all').dataset.value === '{notCatchAll}'",
                $"the census shows {healthy.Length + 1} domains, {notCatchAll} of them not catch-all");

            // The charts drew: every chart has points, and the throughput chart's committed line is on the canvas.
            Assert.All(await page.EvaluateExpressionAsync<int[]>("[...document.querySelectorAll('.chart canvas')].map(c => Number(c.dataset.points || 0))"),
                points => Assert.True(points >= 2, $"a chart has {points} points"));
            var committedLinePixels = await page.EvaluateExpressionAsync<int>(CountPixelsScript("#chart-throughput canvas", 0x58, 0xa6, 0xff));
            Assert.True(committedLinePixels > 100, $"the committed line covers {committedLinePixels} pixels");
            Assert.Equal("single-node", await page.EvaluateExpressionAsync<string>("document.getElementById('cluster').dataset.mode"));

            await SaveScreenshotAsync(page);
            await stopStuck.CancelAsync();
            await Task.WhenAll(stuck);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>Paced bulks (a curve, not a spike) over the healthy domains; every third domain bounces now and then.</summary>
    private static async Task<long> SendHealthyLoadAsync(HttpClient client, string[] domains)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        long sent = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var events = Enumerable.Range(0, EventsPerRound).Select(i =>
            {
                var j = (round * EventsPerRound + i) % domains.Length;
                var bounce = j % 3 == 0 && (round * EventsPerRound + i) / domains.Length % 10 == 3;
                return new { domain = domains[j], kind = bounce ? "bounced" : "delivered" };
            }).ToArray();
            var response = await client.PostAsJsonAsync("/events", events);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            sent += events.Length;
            await pace.WaitForNextTickAsync();
        }
        return sent;
    }

    private static async Task PutStuckAsync(HttpClient client, int worker, Func<string, bool> fails, CancellationToken stop)
    {
        var domains = Enumerable.Range(0, 200).Select(i => $"stuck{worker}-{i}.example").Where(fails).ToArray();
        for (var i = 0; !stop.IsCancellationRequested && i < 1000; i++)
        {
            try
            {
                using var response = await client.PutAsync($"/events/{domains[i % domains.Length]}/delivered", null, stop);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task<long> NumberAsync(IPage page, string id) =>
        long.Parse(await page.EvaluateExpressionAsync<string>($"document.getElementById('{id}').dataset.value"));

    /// <summary>Polls a condition in the page until it holds; on time-out says what the page showed.</summary>
    private static async Task UntilAsync(IPage page, string condition, string because)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await page.EvaluateExpressionAsync<bool>($"!!({condition})"))
        {
            if (DateTime.UtcNow > deadline)
            {
                var shown = await page.EvaluateExpressionAsync<string>("document.querySelector('main').innerText");
                throw new TimeoutException($"Not true within {Patience}: {because}. The page showed:\n{shown}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Counts the canvas's pixels close to one colour (the line's anti-aliased edges excluded).</summary>
    private static string CountPixelsScript(string selector, int r, int g, int b) => $$"""
        (() => {
          const c = document.querySelector('{{selector}}');
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < data.length; i += 4)
            if (Math.abs(data[i] - {{r}}) < 24 && Math.abs(data[i + 1] - {{g}}) < 24 && Math.abs(data[i + 2] - {{b}}) < 24 && data[i + 3] > 200) n++;
          return n;
        })()
        """;

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var directory = RepositoryFiles.PathOf("artifacts", "dashboard");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(Path.Combine(directory, "dashboard.png"), new ScreenshotOptions { FullPage = true });
    }
}
