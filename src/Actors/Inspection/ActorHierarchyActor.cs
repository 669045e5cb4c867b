using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using static Akka.Ingest.Inspection.ActorHierarchyProtocol;

namespace Akka.Ingest.Inspection;

/// <summary>
/// Discovers the live actor tree the way pbm does: <c>Identify</c> to an <see cref="ActorSelection"/> of the
/// start path, then to <c>{path}/*</c> of every actor that answers, level by level down to the requested depth
/// (one level further only to count what lies below). A wildcard selection does not say how many actors will
/// answer, so an exploration settles once every level asked has answered at least once and nothing more has
/// arrived for a quiet period, or at a deadline. Talks to no actor it finds beyond <c>Identify</c>, so it
/// changes nothing; an actor busy with a long message answers late and may be left out, as with pbm.
/// </summary>
public sealed class ActorHierarchyActor : ReceiveActor, IWithTimers
{
    public const string Name = "actor-hierarchy";

    /// <summary>Bounds the answer when a depth meets a very wide tree.</summary>
    public const int MaxNodes = 10_000;

    private readonly TimeSpan _quietPeriod;
    private readonly TimeSpan _deadline;
    private readonly Dictionary<long, Exploration> _explorations = [];
    private long _lastId;

    public ActorHierarchyActor(TimeSpan quietPeriod, TimeSpan deadline)
    {
        _quietPeriod = quietPeriod;
        _deadline = deadline;
        Receive<ExploreHierarchy>(Start);
        Receive<ActorIdentity>(Identified);
        Receive<Settle>(TrySettle);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TimeSpan? quietPeriod = null, TimeSpan? deadline = null) =>
        Akka.Actor.Props.Create(() => new ActorHierarchyActor(
            quietPeriod ?? TimeSpan.FromMilliseconds(150), deadline ?? TimeSpan.FromSeconds(5)));

    private void Start(ExploreHierarchy request)
    {
        var id = ++_lastId;
        _explorations[id] = new Exploration(Sender, request.Depth);
        Context.ActorSelection(request.Path).Tell(new Identify(new Probe(id, Parent: null, Level: 0)), Self);
        Timers.StartSingleTimer(QuietKey(id), new Settle(id, Final: false), _quietPeriod);
        Timers.StartSingleTimer(DeadlineKey(id), new Settle(id, Final: true), _deadline);
    }

    private void Identified(ActorIdentity identity)
    {
        if (identity.MessageId is not Probe probe || !_explorations.TryGetValue(probe.Exploration, out var exploration))
            return;

        exploration.Answered(probe.Parent);
        if (identity.Subject is { } subject)
        {
            var node = exploration.Add(probe.Parent, subject, probe.Level > exploration.Depth);
            if (node is not null && probe.Level <= exploration.Depth)
                AskForChildren(probe.Exploration, exploration, node, probe.Level + 1);
        }
        else if (probe.Parent is null)
        {
            // Nothing lives at the start path: say so at once rather than after the quiet period.
            Complete(probe.Exploration, exploration);
            return;
        }

        Timers.StartSingleTimer(QuietKey(probe.Exploration), new Settle(probe.Exploration, Final: false), _quietPeriod);
    }

    private void AskForChildren(long id, Exploration exploration, NodeBuilder node, int level)
    {
        exploration.Asking(node.Path);
        var children = node.Path.TrimEnd('/') + "/*";
        Context.ActorSelection(children).Tell(new Identify(new Probe(id, node.Path, level)), Self);
    }

    private void TrySettle(Settle settle)
    {
        if (_explorations.TryGetValue(settle.Exploration, out var exploration) && (settle.Final || exploration.AllAnswered))
            Complete(settle.Exploration, exploration);
    }

    private void Complete(long id, Exploration exploration)
    {
        _explorations.Remove(id);
        Timers.Cancel(QuietKey(id));
        Timers.Cancel(DeadlineKey(id));
        exploration.ReplyTo.Tell(new HierarchyExplored(exploration.Build()));
    }

    private static string QuietKey(long id) => $"quiet-{id}";

    private static string DeadlineKey(long id) => $"deadline-{id}";

    /// <summary>The correlation of one <c>Identify</c>: whose children (null: the start path) at which level.</summary>
    private sealed record Probe(long Exploration, string? Parent, int Level);

    private sealed record Settle(long Exploration, bool Final) : INoSerializationVerificationNeeded, IDeadLetterSuppression, INotInfluenceReceiveTimeout;

    /// <summary>The state of one request: the nodes found so far and the listings still unanswered.</summary>
    private sealed class Exploration(IActorRef replyTo, int depth)
    {
        private readonly Dictionary<string, NodeBuilder> _nodes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _unanswered = new(StringComparer.Ordinal);
        private NodeBuilder? _root;
        private bool _rootAnswered;

        public IActorRef ReplyTo { get; } = replyTo;

        public int Depth { get; } = depth;

        public bool AllAnswered => _rootAnswered && _unanswered.Count == 0;

        public void Asking(string path) => _unanswered.Add(path);

        public void Answered(string? parent)
        {
            if (parent is null)
                _rootAnswered = true;
            else
                _unanswered.Remove(parent);
        }

        /// <summary>Records an actor found; below the depth limit it is only counted. Null when not to be explored.</summary>
        public NodeBuilder? Add(string? parent, IActorRef subject, bool countOnly)
        {
            if (countOnly)
            {
                if (parent is not null && _nodes.TryGetValue(parent, out var counted))
                    counted.HiddenChildren++;
                return null;
            }

            var path = subject.Path.ToStringWithoutAddress();

            if (_nodes.ContainsKey(path) || _nodes.Count >= MaxNodes)
                return null;

            var node = new NodeBuilder(path, subject.Path.Name, subject.Path.Uid, TypeOf(subject));
            _nodes[path] = node;
            if (parent is null)
                _root = node;
            else if (_nodes.TryGetValue(parent, out var owner))
                owner.Children.Add(node);
            return node;
        }

        public ActorNode? Build() => _root?.Build();

        private static string? TypeOf(IActorRef subject) =>
            subject is ActorRefWithCell { Underlying.Props: { } props } ? props.Type?.Name : null;
    }

    private sealed class NodeBuilder(string path, string name, long uid, string? type)
    {
        public string Path { get; } = path;

        public List<NodeBuilder> Children { get; } = [];

        public int HiddenChildren { get; set; }

        public ActorNode Build() => new(
            Path, name, uid, type,
            Children.OrderBy(c => c.Path, StringComparer.Ordinal).Select(c => c.Build()).ToArray(),
            HiddenChildren);
    }
}

public static class ActorHierarchyActorExtensions
{
    /// <summary>Starts the hierarchy explorer and registers it as <see cref="ActorHierarchyActor"/>.</summary>
    public static AkkaConfigurationBuilder AddActorHierarchy(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<ActorHierarchyActor>(system.ActorOf(ActorHierarchyActor.Props(), ActorHierarchyActor.Name)));
}
