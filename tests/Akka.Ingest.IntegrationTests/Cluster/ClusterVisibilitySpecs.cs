using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// Two in-process nodes in one cluster: each node's <c>/metrics</c> counts both members up, none unreachable,
/// exactly one leader, and the partitions owned add up to all of them; the dashboard's cluster panel shows both
/// members, the leader and every partition placed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterVisibilitySpecs(PostgresFixture postgres)
{
    [Fact]
    public async Task Should_show_the_members_the_leader_and_the_placement_in_metrics_and_on_the_dashboard()
    {
        await using var cluster = await ClusterNodes.StartAsync(await postgres.Server.CreateDatabaseAsync("visibility"), 2);
        var partitioner = new Partitioner(ClusterNodes.Partitions);
        var onePerPartition = Enumerable.Range(0, ClusterNodes.Partitions)
            .Select(p => Enumerable.Range(0, 10_000).Select(i => $"v{i}.visibility.example").First(d => partitioner.PartitionOf(d) == p))
            .ToArray();
        // An owner runs where its partition was last written: one moved by a rebalance starts again on its new node
        // with the next write. So each round writes to every partition, and the placement (read in the background
        // every 5 s) must add up once the rebalances are over.
        string[] scrapes = [];
        await ClusterNodes.EventuallyAsync(async () =>
            {
                foreach (var domain in onePerPartition)
                    Assert.Equal(System.Net.HttpStatusCode.NoContent, (await cluster.Hosts[0].Client.PutAsync($"/events/{domain}/delivered", null)).StatusCode);
                scrapes = [await cluster.ScrapeAsync(0), await cluster.ScrapeAsync(1)];
                return scrapes.Sum(text => Value(text, "ingest_partitions_owned")) == ClusterNodes.Partitions;
            },
            TimeSpan.FromSeconds(30),
            () => "partitions owned per node: " + string.Join(", ", scrapes.Select(text => Value(text, "ingest_partitions_owned"))));

        Assert.All(scrapes, text =>
        {
            Assert.Equal(2, Value(text, "ingest_cluster_members{status=\"up\"}"));
            Assert.Equal(0, Value(text, "ingest_cluster_members{status=\"joining\"}"));
            Assert.Equal(0, Value(text, "ingest_cluster_unreachable_members"));
        });
        Assert.Equal(1, scrapes.Sum(text => Value(text, "ingest_cluster_is_leader")));

        var panel = JsonSerializer.SerializeToElement(
            cluster.Hosts[0].Services.GetRequiredService<ClusterPicture>().Read("node1", ClusterNodes.Partitions),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal("cluster", panel.GetProperty("mode").GetString());
        var members = panel.GetProperty("members").EnumerateArray().ToArray();
        Assert.Equal(2, members.Length);
        Assert.Single(members, m => m.GetProperty("leader").GetBoolean());
        Assert.Single(members, m => m.GetProperty("self").GetBoolean() && m.GetProperty("node").GetString() == "node1");
        Assert.All(members, m => Assert.Equal("up", m.GetProperty("status").GetString()));
        Assert.Equal(Enumerable.Range(0, ClusterNodes.Partitions),
            members.SelectMany(m => m.GetProperty("partitions").EnumerateArray().Select(p => p.GetInt32())).Order());
    }

    private static double Value(string metrics, string series)
    {
        var match = Regex.Match(metrics, $@"^{Regex.Escape(series)} (\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{series} is not in the scrape:\n{metrics}");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
