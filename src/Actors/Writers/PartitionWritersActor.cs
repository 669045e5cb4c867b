using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Ingest.Stores;
using Akka.Pattern;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Writers;

/// <summary>
/// The parent of the partition writers: one <see cref="BackoffSupervisor"/> per partition (<c>partition-N</c>), each
/// restarting its <see cref="PartitionWriterActor"/> (<c>writer</c>) with exponential backoff after a failure. Routes
/// each <see cref="WriteBatch"/> to its partition's supervisor (the sender keeps the reply address), and answers
/// <see cref="GetWriterStates"/> with every writer's state and backoff, for inspection.
/// </summary>
public sealed class PartitionWritersActor : ReceiveActor
{
    public const string Name = "writers";

    private static readonly TimeSpan StateAskTimeout = TimeSpan.FromSeconds(2);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef[] _supervisors;
    private readonly IActorRef?[] _running;
    private readonly List<(WhenWriterReplaced Request, IActorRef ReplyTo)> _waitingForReplacement = [];
    private readonly WriterSupervisionOptions _options;

    public PartitionWritersActor(ICounterStore store, WriterSupervisionOptions options)
    {
        _options = options;
        _supervisors = new IActorRef[options.Partitions];
        _running = new IActorRef?[options.Partitions];
        for (var partition = 0; partition < options.Partitions; partition++)
            _supervisors[partition] = Context.ActorOf(SupervisorProps(store, partition, options, Self), $"partition-{partition}");

        Receive<WriteBatch>(Route);
        Receive<WriterStarted>(Started);
        Receive<WhenWriterReplaced>(AnswerWhenReplaced);
        Receive<GetWriterStates>(_ => ReadStatesAsync().PipeTo(Sender));
    }

    public static Props Props(ICounterStore store, WriterSupervisionOptions options) =>
        Akka.Actor.Props.Create(() => new PartitionWritersActor(store, options));

    /// <summary>A partition's writer under its backoff supervisor: what this actor starts per partition, and what a cluster shards.</summary>
    public static Props SupervisorProps(ICounterStore store, int partition, WriterSupervisionOptions options, IActorRef? announceTo) =>
        BackoffSupervisor.Props(
            Backoff.OnFailure(
                    PartitionWriterActor.Props(store, partition, announceTo),
                    childName: "writer",
                    minBackoff: options.MinBackoff,
                    maxBackoff: options.MaxBackoff,
                    randomFactor: 0.2,
                    maxNrOfRetries: -1)
                .WithAutoReset(options.ResetBackoffAfter)
                .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart, loggingEnabled: false))
                .WithReplyWhileStopped(WriterUnavailable.Instance));

    private void Route(WriteBatch command)
    {
        if (command.Partition >= 0 && command.Partition < _supervisors.Length)
        {
            _supervisors[command.Partition].Forward(command);
            return;
        }
        _log.Error("A batch for partition {Partition} reached a node with {Partitions} partitions; refused", command.Partition, _supervisors.Length);
        Sender.Tell(new BatchFailed(command.Batch.Id, Ambiguous: false, Writer: null));
    }

    private void Started(WriterStarted started)
    {
        _running[started.Partition] = started.Writer;
        _waitingForReplacement.RemoveAll(waiting =>
        {
            if (waiting.Request.Partition != started.Partition || started.Writer.Equals(waiting.Request.Failed))
                return false;
            waiting.ReplyTo.Tell(new WriterReady(started.Partition));
            return true;
        });
    }

    private void AnswerWhenReplaced(WhenWriterReplaced request)
    {
        if (request.Partition < 0 || request.Partition >= _running.Length)
            return;
        if (_running[request.Partition] is { } running && !running.Equals(request.Failed))
            Sender.Tell(new WriterReady(request.Partition));
        else
            _waitingForReplacement.Add((request, Sender));
    }

    private async Task<WriterStates> ReadStatesAsync()
    {
        var states = await Task.WhenAll(_supervisors.Select((supervisor, partition) => ReadStateAsync(supervisor, partition)));
        return new WriterStates(states);
    }

    private async Task<WriterState> ReadStateAsync(IActorRef supervisor, int partition)
    {
        try
        {
            var restarts = supervisor.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, StateAskTimeout);
            var child = supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, StateAskTimeout);
            var current = (await child).Ref;
            var running = current is not null && !current.IsNobody();
            var count = (await restarts).Count;
            return new WriterState(partition, running ? WriterState.Running : WriterState.BackingOff, count,
                _options.BackoffAfter(count), running ? current!.Path.Uid : null);
        }
        catch (AskTimeoutException)
        {
            return WriterState.Unknown(partition);
        }
    }

    /// <summary>Asks for the state of every partition's writer; answered with <see cref="WriterStates"/>.</summary>
    public sealed class GetWriterStates : INoSerializationVerificationNeeded
    {
        public static GetWriterStates Instance { get; } = new();

        private GetWriterStates()
        {
        }
    }

    public sealed record WriterStates(IReadOnlyList<WriterState> ByPartition) : INoSerializationVerificationNeeded;
}

public static class PartitionWritersActorExtensions
{
    /// <summary>Starts <c>/user/writers</c> and registers it as <see cref="PartitionWritersActor"/>.</summary>
    public static AkkaConfigurationBuilder AddPartitionWriters(
        this AkkaConfigurationBuilder builder, ICounterStore store, WriterSupervisionOptions options)
    {
        return builder.WithActors((system, registry) =>
        {
            var writers = system.ActorOf(PartitionWritersActor.Props(store, options), PartitionWritersActor.Name);
            registry.Register<PartitionWritersActor>(writers);
        });
    }
}
