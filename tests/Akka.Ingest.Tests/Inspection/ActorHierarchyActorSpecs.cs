using Akka.Actor;
using Akka.Ingest.Inspection;
using static Akka.Ingest.Inspection.ActorHierarchyProtocol;

namespace Akka.Ingest.Tests.Inspection;

public sealed class ActorHierarchyActorSpecs : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Should_find_every_live_actor_down_to_the_depth_and_count_the_rest()
    {
        var root = Sys.ActorOf(TreeActor.Props(3, 2), "tree");
        var explorer = Sys.ActorOf(ActorHierarchyActor.Props());
        await AwaitAssertAsync(async () => Assert.Equal(10, (await ExploreAsync(explorer, "/user/tree", 2)).Count()));

        var shallow = await ExploreAsync(explorer, "/user/tree", 1);

        Assert.Equal("/user/tree", shallow.Path);
        Assert.Equal(root.Path.Uid, shallow.Uid);
        Assert.Equal(nameof(TreeActor), shallow.Type);
        Assert.Equal(["c0", "c1", "c2"], shallow.Children.Select(c => c.Name));
        Assert.All(shallow.Children, c => Assert.Empty(c.Children));
        Assert.All(shallow.Children, c => Assert.Equal(2, c.HiddenChildren));
        Assert.Equal(0, shallow.HiddenChildren);

        var deep = await ExploreAsync(explorer, "/user/tree", 5);
        Assert.Equal("/user/tree/c2/c1", deep.Children[2].Children[1].Path);
        Assert.All(deep.Children.SelectMany(c => c.Children), leaf => Assert.Equal(0, leaf.HiddenChildren));
    }

    [Fact]
    public async Task Should_see_a_new_uid_when_an_actor_is_replaced_under_the_same_name()
    {
        var parent = Sys.ActorOf(TreeActor.Props(1, 0), "replaced");
        var explorer = Sys.ActorOf(ActorHierarchyActor.Props());
        var before = (await ExploreAsync(explorer, "/user/replaced", 1)).Children.Single();

        parent.Tell(TreeActor.ReplaceFirstChild.Instance);
        await AwaitAssertAsync(async () =>
        {
            var after = (await ExploreAsync(explorer, "/user/replaced", 1)).Children.Single();
            Assert.Equal(before.Path, after.Path);
            Assert.NotEqual(before.Uid, after.Uid);
        });
    }

    [Fact]
    public async Task Should_answer_no_root_at_once_for_a_path_where_nothing_lives()
    {
        var explorer = Sys.ActorOf(ActorHierarchyActor.Props(quietPeriod: TimeSpan.FromSeconds(30), deadline: TimeSpan.FromSeconds(60)));

        var explored = await explorer.Ask<HierarchyExplored>(new ExploreHierarchy("/user/nothing-here", 3), TimeSpan.FromSeconds(5));

        Assert.Null(explored.Root);
    }

    private static async Task<ActorNode> ExploreAsync(IActorRef explorer, string path, int depth) =>
        (await explorer.Ask<HierarchyExplored>(new ExploreHierarchy(path, depth), TimeSpan.FromSeconds(10))).Root
        ?? throw new InvalidOperationException($"nothing at {path}");

    /// <summary>Creates <c>fanOut</c> children named c0…, each with <c>grandchildren</c> children of its own.</summary>
    private sealed class TreeActor : ReceiveActor
    {
        public TreeActor(int fanOut, int grandchildren)
        {
            for (var i = 0; i < fanOut; i++)
                Context.ActorOf(Props(grandchildren, 0), $"c{i}");

            Receive<ReplaceFirstChild>(_ =>
            {
                var first = Context.Child("c0");
                Context.Watch(first);
                Context.Stop(first);
            });
            Receive<Terminated>(_ => Context.ActorOf(Props(0, 0), "c0"));
        }

        public static Props Props(int fanOut, int grandchildren) =>
            Akka.Actor.Props.Create(() => new TreeActor(fanOut, grandchildren));

        public sealed class ReplaceFirstChild
        {
            public static ReplaceFirstChild Instance { get; } = new();
        }
    }
}

internal static class ActorNodeExtensions
{
    public static int Count(this ActorNode node) => 1 + node.Children.Sum(Count);
}
