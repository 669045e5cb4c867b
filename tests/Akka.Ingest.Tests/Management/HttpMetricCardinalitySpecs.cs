using System.Text.RegularExpressions;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// <c>http_request_duration_seconds</c> keeps a bounded label set whatever methods clients invent: Kestrel accepts
/// any token as a method, and a series per token let any client grow the registry (and /metrics) without limit.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed partial class HttpMetricCardinalitySpecs
{
    [Fact]
    public async Task Should_count_invented_methods_as_one_other_method()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=2");
        const int invented = 40;
        for (var i = 0; i < invented; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod($"M{i:D7}"), i % 2 == 0 ? "/" : "/events/a.example/delivered");
            await host.Client.SendAsync(request);
        }
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/a.example/delivered", null)).StatusCode);

        var scrape = await host.Client.GetStringAsync("/metrics");
        var methods = CountLine().Matches(scrape).Select(m => m.Groups["method"].Value).ToHashSet();

        Assert.DoesNotContain(methods, m => m.StartsWith('M'));
        Assert.Subset(new HashSet<string>(Pipeline.Metrics.HttpRequestDurationMiddleware.KnownMethods) { "OTHER" }, methods);
        Assert.Contains("PUT", methods);
        var others = CountLine().Matches(scrape).Where(m => m.Groups["method"].Value == "OTHER")
            .Sum(m => double.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(invented, others);
    }

    [Theory]
    [InlineData("GET", "GET")]
    [InlineData("PUT", "PUT")]
    [InlineData("get", "OTHER")]
    [InlineData("FOO", "OTHER")]
    public void Should_label_a_method_as_itself_only_when_known(string method, string label)
    {
        Assert.Equal(label, Pipeline.Metrics.HttpRequestDurationMiddleware.MethodLabel(method));
    }

    [GeneratedRegex(@"^http_request_duration_seconds_count\{.*?\bmethod=""(?<method>[^""]*)"".*\} (?<count>\S+)$", RegexOptions.Multiline)]
    private static partial Regex CountLine();
}
