using Akka.Actor;
using Akka.Ingest.StatusFeed;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>Reads the journaled status feed by tag (Akka.Persistence.Query), as pages or as a live source.</summary>
public sealed class StatusFeedQueries(ActorSystem system)
{
    private SqlReadJournal Journal => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    /// <summary>The transitions journaled after <paramref name="afterOffset"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StatusChangeView>> PageAsync(long afterOffset, int limit, CancellationToken cancellationToken)
    {
        var page = await Journal.CurrentEventsByTag(StatusChangeTagger.Tag, Offset.Sequence(afterOffset))
            .Select(ToView)
            .Take(limit)
            .RunWith(Sink.Seq<StatusChangeView>(), system.Materializer())
            .WaitAsync(cancellationToken);
        return page;
    }

    /// <summary>Every transition after <paramref name="afterOffset"/>, then new ones as they are journaled.</summary>
    public Source<StatusChangeView, NotUsed> Live(long afterOffset) =>
        Journal.EventsByTag(StatusChangeTagger.Tag, Offset.Sequence(afterOffset)).Select(ToView);

    /// <summary>
    /// The relay's journaled transitions with sequence numbers <paramref name="fromSequenceNr"/> through
    /// <paramref name="toSequenceNr"/>, oldest first: a range of the relay's own key, so the newest few are
    /// cheap to read however long the feed is (the relay's position gives its last sequence number).
    /// </summary>
    public async Task<IReadOnlyList<StatusChangeView>> RelayedRangeAsync(long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken)
    {
        var range = await Journal.CurrentEventsByPersistenceId(StatusRelayActor.RelayPersistenceId, Math.Max(1, fromSequenceNr), toSequenceNr)
            .Where(envelope => envelope.Event is DomainStatusChanged)
            .Select(envelope => StatusChangeView.Of(
                envelope.Offset is Sequence sequence ? sequence.Value : envelope.SequenceNr, (DomainStatusChanged)envelope.Event))
            .RunWith(Sink.Seq<StatusChangeView>(), system.Materializer())
            .WaitAsync(cancellationToken);
        return range;
    }

    private static StatusChangeView ToView(EventEnvelope envelope) =>
        StatusChangeView.Of(((Sequence)envelope.Offset).Value, (DomainStatusChanged)envelope.Event);
}
