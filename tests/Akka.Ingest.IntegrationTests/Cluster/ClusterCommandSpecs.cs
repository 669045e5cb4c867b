using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// The cluster verbs on a real two-node cluster: <c>/admin/cluster/events</c> streams both members up, a
/// malformed address is a 400 and an unknown member a 404, and <c>POST /admin/cluster/leave</c> makes node 2
/// leave: the stream shows it removed, and node 1 is left alone in the cluster.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterCommandSpecs(PostgresFixture postgres)
{
    [Fact]
    public async Task Should_stream_membership_and_make_a_member_leave()
    {
        await using var cluster = await ClusterNodes.StartAsync(await postgres.Server.CreateDatabaseAsync("commands"), 2);
        using var client = new HttpClient { BaseAddress = cluster.Hosts[0].ManagementAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var stream = await client.GetAsync("/admin/cluster/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));

        var up = new HashSet<string>();
        while (up.Count < 2)
        {
            var e = await NextAsync(reader, timeout.Token);
            if (e.GetProperty("event").GetString() == "MemberUp")
                up.Add(e.GetProperty("address").GetString()!);
        }
        Assert.Equal(new[] { cluster.AddressOf(0), cluster.AddressOf(1) }.Order(StringComparer.Ordinal), up.Order(StringComparer.Ordinal));

        using var malformed = await client.PostAsJsonAsync("/admin/cluster/down", new { address = "akka.tcp://other-system@127.0.0.1:1" }, timeout.Token);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        using var unknown = await client.PostAsJsonAsync("/admin/cluster/down", new { address = "akka.tcp://akka-ingest@127.0.0.1:1" }, timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var leave = await client.PostAsJsonAsync("/admin/cluster/leave", new { address = cluster.AddressOf(1) }, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, leave.StatusCode);
        var seen = new List<string>();
        while (!seen.Contains("MemberRemoved"))
        {
            var e = await NextAsync(reader, timeout.Token);
            if (e.GetProperty("address").GetString() == cluster.AddressOf(1))
                seen.Add(e.GetProperty("event").GetString()!);
        }
        Assert.Contains("MemberLeft", seen);
        await ClusterNodes.EventuallyAsync(
            () => Task.FromResult(ClusterNodes.Inspector(cluster.Hosts[0]).ReadMembership().Members.Count == 1),
            TimeSpan.FromSeconds(30), () => "node 1 alone in the cluster");
    }

    private static async Task<JsonElement> NextAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
        }
        throw new InvalidOperationException("The event stream ended.");
    }
}
