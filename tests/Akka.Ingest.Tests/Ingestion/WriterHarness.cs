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
/// code as the host (<see cref="CommitLanesActor"/>, <see cref="IngestStream.CreateCommitters"/>), with short backoffs.
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
        var writers = system.ActorOf(CommitLanesActor.Props(store, options.CommitLaneSettings, partitions), $"writers-{Guid.NewGuid():N}");
        var committers = IngestStream.CreateCommitters(new NodeIdentity("spec"), writers, options, new IngestCounters(partitions),
            Logging.GetLogger(system, typeof(WriterHarness)), CancellationToken.None);
        return new WriterHarness(writers, committers);
    }

    /// <summary>The lane a partition commits through, as inspection sees it.</summary>
    public async Task<LaneState> LaneStateAsync(int lane = 0)
    {
        var states = await Writers.Ask<CommitLanesActor.WriterStates>(CommitLanesActor.GetWriterStates.Instance, TimeSpan.FromSeconds(5));
        return states.Lanes.Single(l => l.Lane == lane);
    }

    public static IngestEnvelope Envelope(string domain, EventKind kind = EventKind.Delivered, int partition = 0, TimeSpan? timeout = null) =>
        IngestEnvelope.Acknowledged(partition, [new DomainEvent(domain, kind)], timeout ?? TimeSpan.FromSeconds(30));
}
