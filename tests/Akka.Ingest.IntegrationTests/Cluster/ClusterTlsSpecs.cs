using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Akka.Ingest.Writers.PartitionWriterProtocol;
using Partitioner = Akka.Ingest.Domain.Partitioner;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// <c>Ingest:Cluster:Tls</c>: nodes sharing one certificate form a cluster over TLS and count exactly; a process
/// that reaches the remoting port without that certificate (plaintext, or TLS with a certificate of its own) cannot
/// get a write to <c>/user/writers</c>, while the same process presenting the shared certificate can.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsSpecs(PostgresFixture postgres)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AssociationPatience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_form_a_cluster_over_tls_and_count_puts_sent_to_every_node_once()
    {
        using var certificate = TestCertificate.Create();
        await using var cluster = await ClusterNodes.StartWithTlsAsync(
            await postgres.Server.CreateDatabaseAsync("tls"), 2, certificate, "--Ingest:Cluster:OwnerTimeout=00:00:05");

        var domains = Enumerable.Range(0, 16).Select(i => $"d{i}.tls.example").ToArray();
        foreach (var host in cluster.Hosts)
        {
            foreach (var domain in domains)
                Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync($"/events/{domain}/delivered", null)).StatusCode);
        }

        foreach (var domain in domains)
            Assert.Equal((domain, 2L), (domain, (await cluster.Hosts[1].Client.GetFromJsonAsync<DomainView>($"/domains/{domain}"))!.Delivered));
        Assert.All(ClusterNodes.Inspector(cluster.Hosts[0]).ReadMembership().Members,
            m => Assert.StartsWith($"{IngestClusterOptions.TlsProtocol}://", m.Address, StringComparison.Ordinal));
        // Contributions crossed between the nodes (owner routing), over the TLS link, and none fell back.
        Assert.All(cluster.Hosts, h =>
        {
            var counters = h.Services.GetRequiredService<OwnerRouting>().Counters;
            Assert.True(counters.RoutedTotal > 0 && counters.FallbacksTotal == 0, $"routed {counters.RoutedTotal}, fallbacks {counters.FallbacksTotal}");
        });
    }

    [Fact]
    public async Task Should_take_a_write_from_a_caller_presenting_the_clusters_certificate()
    {
        using var certificate = TestCertificate.Create();
        await using var node = await StartNodeAsync(certificate);
        await using var caller = RemoteCaller.Presenting(certificate.Certificate);
        var (write, domain) = Contribution("shared.tls.example");

        var reply = await caller.AskWritersAsync(node.ClusterPort, write, AskTimeout);

        Assert.IsType<BatchWritten>(reply);
        Assert.Equal(5, (await node.ReadAsync(domain)).Delivered);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_refuse_a_caller_without_the_clusters_certificate(bool presentsAnotherCertificate)
    {
        using var certificate = TestCertificate.Create();
        using var another = TestCertificate.Create("CN=akka-ingest-cluster");
        await using var node = await StartNodeAsync(certificate);
        await using var caller = presentsAnotherCertificate ? RemoteCaller.Presenting(another.Certificate) : RemoteCaller.Plaintext();
        var (write, domain) = Contribution("forged.tls.example");

        var reply = caller.AskWritersAsync(node.ClusterPort, write, AskTimeout);
        await Task.WhenAny(reply, caller.AssociationFailed);

        if (reply.IsCompletedSuccessfully)
            Assert.Fail($"a caller without the cluster's certificate was not refused; its write was answered: {await reply}");
        // The caller's transport reports the refused handshake when it gives up on it: on a loaded machine that can
        // come after the ask has timed out unanswered.
        var failed = await Task.WhenAny(caller.AssociationFailed, Task.Delay(AssociationPatience));
        if (failed != caller.AssociationFailed)
            Assert.Fail($"the caller's association was neither refused nor answered within {AskTimeout + AssociationPatience}; its write ended: {await Outcome(reply)}");
        Assert.Equal(node.ClusterPort, (await caller.AssociationFailed).RemoteAddress.Port);
        Assert.Equal(0, (await node.ReadAsync(domain)).Delivered);
    }

    private static async Task<string> Outcome(Task<WriteReply> reply)
    {
        try
        {
            return (await reply).ToString();
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// One node, a cluster of itself (no seeds), with TLS on <paramref name="certificate"/>. Without seeds, so the
    /// same arguments start a plaintext node on a host that knows no <c>Ingest:Cluster:Tls</c>.
    /// </summary>
    private async Task<Node> StartNodeAsync(TestCertificate certificate)
    {
        var port = ClusterNodes.FreePort();
        var host = await IngestHost.StartAsync(
        [
            "--store", "Postgres", "--connection-string", await postgres.Server.CreateDatabaseAsync("tls"),
            "--Ingest:Cluster:Enabled=true", "--Ingest:Cluster:Hostname=127.0.0.1", $"--Ingest:Cluster:Port={port}",
            .. certificate.HostArgs,
        ]);
        return new Node(host, port);
    }

    /// <summary>Five delivered events for one domain, from an origin stream of its own.</summary>
    private static (WriteBatch Write, string Domain) Contribution(string suffix)
    {
        var partitioner = new Partitioner(new IngestOptions().Partitions);
        var domain = $"{Guid.NewGuid():N}.{suffix}";
        var partition = partitioner.PartitionOf(domain);
        var batch = CounterBatch.FromDistinct(new BatchId($"outsider-{Guid.NewGuid():N}/p{partition}", 1), [new DomainDelta(domain, 5, 0)]);
        return (new WriteBatch(partition, batch), domain);
    }

    private sealed class Node(IngestHost host, int clusterPort) : IAsyncDisposable
    {
        public int ClusterPort { get; } = clusterPort;

        public Task<DomainCounts> ReadAsync(string domain) =>
            host.Services.GetRequiredService<PrimaryStore>().Counters.ReadAsync(domain, CancellationToken.None);

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
