using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Tests.Ingestion;

/// <summary>
/// The production writers and committers of a given number of partitions over a test store, wired by the same
/// code as the host (<see cref="PartitionWritersActor"/>, <see cref="IngestStream.CreateCommitters"/>), with short backoffs.
/// </summary>
public sealed class WriterHarness
{
    private WriterHarness(IActorRef writers, PartitionCommitter[] committers)
    {
        Writers = writers;
        Committers = committers;
    }

    public IActorRef Writers { get; }

    public IReadOnlyList<PartitionCommitter> Committers { get; }

    public static WriterHarness Start(ActorSystem system, ICounterStore store, int partitions = 1, TimeSpan? writeTimeout = null)
    {
        var options = new IngestOptions
        {
            Partitions = partitions,
            WriterMinBackoff = TimeSpan.FromMilliseconds(10),
            WriterMaxBackoff = TimeSpan.FromMilliseconds(100),
            WriteTimeout = writeTimeout ?? TimeSpan.FromSeconds(5),
        };
        var writers = system.ActorOf(PartitionWritersActor.Props(store, options.WriterSupervision), $"writers-{Guid.NewGuid():N}");
        var committers = IngestStream.CreateCommitters(new NodeIdentity("spec"), writers, options, new IngestCounters(partitions),
            Logging.GetLogger(system, typeof(WriterHarness)), CancellationToken.None);
        return new WriterHarness(writers, committers);
    }

    public static Task<WriterHarness> StartAsync(ActorSystem system, ICounterStore store, int partitions = 1, TimeSpan? writeTimeout = null) =>
        Task.FromResult(Start(system, store, partitions, writeTimeout));

    /// <summary>The partition's current writer incarnation (its path resolves only while one runs).</summary>
    public async Task<IActorRef> CurrentWriterAsync(int partition = 0)
    {
        // A writer incarnation announces itself when it starts: wait for one before resolving its path.
        await Writers.Ask<PartitionWriterProtocol.WriterReady>(new PartitionWriterProtocol.WhenWriterReplaced(partition, null), TimeSpan.FromSeconds(5));
        return await new ActorSelection(Writers, $"partition-{partition}/writer").ResolveOne(TimeSpan.FromSeconds(5));
    }

    public static IngestEnvelope Envelope(string domain, EventKind kind = EventKind.Delivered, int partition = 0, TimeSpan? timeout = null) =>
        IngestEnvelope.Acknowledged(partition, [new DomainEvent(domain, kind)], timeout ?? TimeSpan.FromSeconds(30));
}
