using System.Net;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary><c>/admin/actors</c> against the real host: the writers as they live, and a restart as a new incarnation.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class ActorHierarchySpecs
{
    [Fact]
    public async Task Should_list_every_partition_writer_under_its_backoff_supervisor()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=3");

        var root = await host.ActorsAsync();

        Assert.Equal("/user", root.GetProperty("path").GetString());
        for (var partition = 0; partition < 3; partition++)
        {
            var supervisor = ManagementHost.Find(root, $"/user/writers/partition-{partition}");
            Assert.NotNull(supervisor);
            Assert.Equal("BackoffOnRestartSupervisor", supervisor.Value.GetProperty("type").GetString());
            var writer = ManagementHost.Find(root, $"/user/writers/partition-{partition}/writer");
            Assert.NotNull(writer);
            Assert.Equal("PartitionWriterActor", writer.Value.GetProperty("type").GetString());
        }
        Assert.Null(ManagementHost.Find(root, "/user/writers/partition-3"));
    }

    [Fact]
    public async Task Should_show_a_new_incarnation_of_the_writer_after_it_restarts()
    {
        var store = new FaultInjectingCounterStore(new InMemoryCounterStore(), StoreFault.FailBeforeCommit);
        await using var host = await ManagementHost.StartAsync(store, "--Ingest:Partitions=1");
        var before = ManagementHost.Find(await host.ActorsAsync(), "/user/writers/partition-0/writer")!.Value;

        // The first write fails: the writer throws, its supervisor starts a new one, and the retry commits.
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/restart.example/delivered", null)).StatusCode);

        var after = ManagementHost.Find(await host.ActorsAsync(), "/user/writers/partition-0/writer")!.Value;
        Assert.Equal("writer", after.GetProperty("name").GetString());
        Assert.NotEqual(before.GetProperty("uid").GetInt64(), after.GetProperty("uid").GetInt64());
        var partition = (await host.PipelineAsync()).Partitions.Single();
        Assert.Equal(1, partition.WriterRestarts);
        Assert.Equal(1, partition.RestartCount);
        Assert.Equal(100.0, partition.CurrentBackoffMs);
        Assert.Equal(after.GetProperty("uid").GetInt64(), partition.WriterUid);
    }

    [Fact]
    public async Task Should_start_at_a_path_limit_the_depth_and_refuse_what_does_not_exist()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=2");

        var writers = await host.ActorsAsync("?path=/user/writers&depth=1");
        Assert.Equal(["partition-0", "partition-1"], writers.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.All(writers.GetProperty("children").EnumerateArray(), c => Assert.Equal(1, c.GetProperty("hiddenChildren").GetInt32()));

        var system = await host.ActorsAsync("?path=/system&depth=0");
        Assert.True(system.GetProperty("hiddenChildren").GetInt32() > 0, "Akka's own actors live under /system");

        Assert.Equal(HttpStatusCode.NotFound, (await host.Management.GetAsync("/admin/actors?path=/user/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Management.GetAsync("/admin/actors?path=/user/*")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Management.GetAsync("/admin/actors?depth=17")).StatusCode);
    }
}
