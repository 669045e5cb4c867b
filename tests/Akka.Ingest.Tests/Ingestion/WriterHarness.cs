using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Akka.Ingest.Writers;
using Akka.Pattern;

namespace Akka.Ingest.Tests.Ingestion;

/// <summary>The production writers and committers of a given number of partitions, over a test store.</summary>
public sealed class WriterHarness
{
    private WriterHarness(IActorRef writers, IReadOnlyList<IActorRef> supervisors, PartitionCommitter[] committers)
    {
        Writers = writers;
        Supervisors = supervisors;
        Committers = committers;
    }

    public IActorRef Writers { get; }

    public IReadOnlyList<IActorRef> Supervisors { get; }

    public IReadOnlyList<PartitionCommitter> Committers { get; }

    public static async Task<WriterHarness> StartAsync(ActorSystem system, ICounterStore store, int partitions = 1, TimeSpan? writeTimeout = null)
    {
        var options = new WriterSupervisionOptions(partitions, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        var writers = system.ActorOf(PartitionWritersActor.Props(store, options), $"writers-{Guid.NewGuid():N}");
        var supervisors = await writers.Ask<PartitionWritersActor.Supervisors>(PartitionWritersActor.GetSupervisors.Instance, TimeSpan.FromSeconds(5));
        var log = Logging.GetLogger(system, typeof(WriterHarness));
        var committers = supervisors.ByPartition
            .Select((supervisor, p) => new PartitionCommitter(
                p, $"spec-{Guid.NewGuid():N}/p{p}", supervisor, writeTimeout ?? TimeSpan.FromSeconds(5), new PartitionStats(p), log, CancellationToken.None))
            .ToArray();
        return new WriterHarness(writers, supervisors.ByPartition, committers);
    }

    public async Task<IActorRef> CurrentWriterAsync(int partition = 0)
    {
        var current = await Supervisors[partition].Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, TimeSpan.FromSeconds(5));
        return current.Ref;
    }

    public static IngestEnvelope Envelope(string domain, EventKind kind = EventKind.Delivered, int partition = 0, TimeSpan? timeout = null) =>
        IngestEnvelope.Acknowledged(partition, [new DomainEvent(domain, kind)], timeout ?? TimeSpan.FromSeconds(30));
}
