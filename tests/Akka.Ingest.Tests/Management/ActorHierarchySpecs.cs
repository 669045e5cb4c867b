using System.Net;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary><c>/admin/actors</c> against the real host: the commit lanes as they live, through a store failure.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class ActorHierarchySpecs
{
    [Fact]
    public async Task Should_list_the_commit_lanes_whatever_the_partition_count()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=16", "--Ingest:CommitLanes=2");

        var root = await host.ActorsAsync();

        Assert.Equal("/user", root.GetProperty("path").GetString());
        Assert.Equal("CommitLanesActor", ManagementHost.Find(root, "/user/writers")!.Value.GetProperty("type").GetString());
        for (var lane = 0; lane < 2; lane++)
            Assert.Equal("CommitLaneActor", ManagementHost.Find(root, $"/user/writers/lane-{lane}")!.Value.GetProperty("type").GetString());
        Assert.Null(ManagementHost.Find(root, "/user/writers/lane-2"));
        Assert.Null(ManagementHost.Find(root, "/user/writers/partition-0"));
    }

    [Fact]
    public async Task Should_keep_the_same_lane_through_a_store_failure_and_count_it()
    {
        var store = new FaultInjectingCounterStore(new InMemoryCounterStore(), StoreFault.FailBeforeCommit);
        await using var host = await ManagementHost.StartAsync(store, "--Ingest:Partitions=1");
        var before = ManagementHost.Find(await host.ActorsAsync(), "/user/writers/lane-0")!.Value;

        // The first write fails: the lane answers it, backs off, and the committer's resend commits. Supervision is for bugs.
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/restart.example/delivered", null)).StatusCode);

        var after = ManagementHost.Find(await host.ActorsAsync(), "/user/writers/lane-0")!.Value;
        Assert.Equal(before.GetProperty("uid").GetInt64(), after.GetProperty("uid").GetInt64());
        var partition = (await host.PipelineAsync()).Partitions.Single();
        Assert.Equal(1, partition.WriterRestarts);
        Assert.Equal(0, partition.RestartCount);
        Assert.Equal("running", partition.Writer);
        Assert.Equal(after.GetProperty("uid").GetInt64(), partition.WriterUid);
    }

    [Fact]
    public async Task Should_start_at_a_path_limit_the_depth_and_refuse_what_does_not_exist()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=2", "--Ingest:CommitLanes=2");

        var user = await host.ActorsAsync("?path=/user&depth=1");
        var writers = user.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "writers");
        Assert.Equal(2, writers.GetProperty("hiddenChildren").GetInt32());
        var lanes = await host.ActorsAsync("?path=/user/writers&depth=1");
        Assert.Equal(["lane-0", "lane-1"], lanes.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var system = await host.ActorsAsync("?path=/system&depth=0");
        Assert.True(system.GetProperty("hiddenChildren").GetInt32() > 0, "Akka's own actors live under /system");

        Assert.Equal(HttpStatusCode.NotFound, (await host.Management.GetAsync("/admin/actors?path=/user/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Management.GetAsync("/admin/actors?path=/user/*")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Management.GetAsync("/admin/actors?depth=17")).StatusCode);
    }
}
