using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Ingest.Stores;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Writers;

/// <summary>
/// <c>/user/writers</c>: the node's commit lanes (<c>lane-N</c>, <see cref="CommitLaneActor"/>), however many
/// partitions there are. Routes each <see cref="WriteBatch"/> to lane <c>partition mod lanes</c> (the sender keeps the
/// reply address), passes a change of the node count on to every lane, and answers <see cref="GetWriterStates"/>
/// with each partition's view of its lane, for inspection. A lane that throws (a bug) is restarted by the default
/// strategy; store failures never reach here.
/// </summary>
public sealed class CommitLanesActor : ReceiveActor
{
    public const string Name = "writers";

    private static readonly TimeSpan StateAskTimeout = TimeSpan.FromSeconds(2);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef[] _lanes;
    private readonly CommitLaneSettings _settings;
    private readonly int _partitions;

    public CommitLanesActor(ICounterStore store, CommitLaneSettings settings, int partitions)
    {
        _settings = settings;
        _partitions = partitions;
        _lanes = Enumerable.Range(0, settings.Lanes)
            .Select(lane => Context.ActorOf(CommitLaneActor.Props(store, settings, lane), $"lane-{lane}"))
            .ToArray();
        Receive<WriteBatch>(Route);
        Receive<CommitLaneActor.ScaleCommitWindow>(scale =>
        {
            foreach (var lane in _lanes)
                lane.Tell(scale);
        });
        Receive<GetWriterStates>(_ => ReadStatesAsync().PipeTo(Sender));
    }

    public static Props Props(ICounterStore store, CommitLaneSettings settings, int partitions) =>
        Akka.Actor.Props.Create(() => new CommitLanesActor(store, settings, partitions));

    private void Route(WriteBatch command)
    {
        if (command.Partition >= 0 && command.Partition < _partitions)
        {
            _lanes[_settings.LaneOf(command.Partition)].Forward(command);
            return;
        }
        _log.Error("A batch for partition {Partition} reached a node with {Partitions} partitions; refused", command.Partition, _partitions);
        Sender.Tell(new BatchFailed(command.Batch.Id, Ambiguous: false, _settings.Backoff.Max));
    }

    private async Task<WriterStates> ReadStatesAsync()
    {
        var lanes = await Task.WhenAll(_lanes.Select(ReadLaneAsync));
        var byPartition = Enumerable.Range(0, _partitions)
            .Select(p => lanes[_settings.LaneOf(p)] is { } lane ? WriterState.Of(p, lane) : WriterState.Unknown(p))
            .ToArray();
        return new WriterStates(byPartition, lanes.OfType<LaneState>().ToArray());
    }

    private static async Task<LaneState?> ReadLaneAsync(IActorRef lane)
    {
        try
        {
            return await lane.Ask<LaneState>(CommitLaneActor.GetLaneState.Instance, StateAskTimeout);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Asks for the state of every partition's writing; answered with <see cref="WriterStates"/>.</summary>
    public sealed class GetWriterStates : INoSerializationVerificationNeeded
    {
        public static GetWriterStates Instance { get; } = new();

        private GetWriterStates()
        {
        }
    }

    public sealed record WriterStates(IReadOnlyList<WriterState> ByPartition, IReadOnlyList<LaneState> Lanes) : INoSerializationVerificationNeeded;
}

public static class CommitLanesActorExtensions
{
    /// <summary>Starts <c>/user/writers</c> and registers it as <see cref="CommitLanesActor"/>.</summary>
    public static AkkaConfigurationBuilder AddCommitLanes(
        this AkkaConfigurationBuilder builder, ICounterStore store, CommitLaneSettings settings, int partitions)
    {
        return builder.WithActors((system, registry) =>
        {
            var writers = system.ActorOf(CommitLanesActor.Props(store, settings, partitions), CommitLanesActor.Name);
            registry.Register<CommitLanesActor>(writers);
        });
    }
}
