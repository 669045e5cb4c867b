using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Stores;
using Akka.Pattern;

namespace Akka.Ingest.Writers;

/// <summary>
/// The parent of the partition writers: one <see cref="BackoffSupervisor"/> per partition
/// (<c>partition-N</c>), each restarting its <see cref="PartitionWriterActor"/> (<c>writer</c>) with
/// exponential backoff after a failure. Answers <see cref="GetSupervisors"/> with the supervisors, which
/// are what the ingest stream talks to.
/// </summary>
public sealed class PartitionWritersActor : ReceiveActor
{
    public const string Name = "writers";

    private readonly IActorRef[] _supervisors;

    public PartitionWritersActor(ICounterStore store, WriterSupervisionOptions options)
    {
        _supervisors = new IActorRef[options.Partitions];
        for (var partition = 0; partition < options.Partitions; partition++)
        {
            var backoff = Backoff.OnFailure(
                    PartitionWriterActor.Props(store, partition),
                    childName: "writer",
                    minBackoff: options.MinBackoff,
                    maxBackoff: options.MaxBackoff,
                    randomFactor: 0.2,
                    maxNrOfRetries: -1)
                .WithAutoReset(options.ResetBackoffAfter)
                .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart, loggingEnabled: false))
                .WithReplyWhileStopped(PartitionWriterProtocol.WriterUnavailable.Instance);
            _supervisors[partition] = Context.ActorOf(BackoffSupervisor.Props(backoff), $"partition-{partition}");
        }

        Receive<GetSupervisors>(_ => Sender.Tell(new Supervisors(_supervisors)));
    }

    public static Props Props(ICounterStore store, WriterSupervisionOptions options) =>
        Akka.Actor.Props.Create(() => new PartitionWritersActor(store, options));

    public sealed class GetSupervisors : INoSerializationVerificationNeeded
    {
        public static GetSupervisors Instance { get; } = new();

        private GetSupervisors()
        {
        }
    }

    public sealed record Supervisors(IReadOnlyList<IActorRef> ByPartition) : INoSerializationVerificationNeeded;
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
