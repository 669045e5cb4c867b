using Akka.Actor;
using Akka.Ingest.StatusFeed;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>Reads the journaled status feed by tag (Akka.Persistence.Query), as pages or as a live source.</summary>
public sealed class StatusFeedQueries
{
    /// <summary>How old the offset a live-only stream starts from may be: its search costs about 2·log2(n) journal reads.</summary>
    public static readonly TimeSpan LatestOffsetFreshFor = TimeSpan.FromSeconds(1);

    private readonly ActorSystem _system;
    private readonly RecentResult<long> _latestOffset;

    public StatusFeedQueries(ActorSystem system)
    {
        _system = system;
        _latestOffset = new RecentResult<long>(() => SearchLatestOffsetAsync(CancellationToken.None), LatestOffsetFreshFor);
    }

    private SqlReadJournal Journal => PersistenceQuery.Get(_system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    /// <summary>The transitions journaled after <paramref name="afterOffset"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StatusChangeView>> PageAsync(long afterOffset, int limit, CancellationToken cancellationToken)
    {
        var page = await Journal.CurrentEventsByTag(StatusChangeTagger.Tag, Offset.Sequence(afterOffset))
            .Select(ToView)
            .Take(limit)
            .RunWith(Sink.Seq<StatusChangeView>(), _system.Materializer())
            .WaitAsync(cancellationToken);
        return page;
    }

    /// <summary>Every transition after <paramref name="afterOffset"/>, then new ones as they are journaled.</summary>
    public Source<StatusChangeView, NotUsed> Live(long afterOffset) =>
        Journal.EventsByTag(StatusChangeTagger.Tag, Offset.Sequence(afterOffset)).Select(ToView);

    /// <summary>
    /// The offset of the newest journaled transition (0 when there is none), where a live-only stream starts: found at
    /// most <see cref="LatestOffsetFreshFor"/> ago and shared by every stream opened meanwhile, so a client opening
    /// streams in a loop costs one search a second (such a stream may begin with transitions of its last second).
    /// </summary>
    public Task<long> LatestOffsetAsync(CancellationToken cancellationToken) => _latestOffset.GetAsync(cancellationToken);

    /// <summary>
    /// Every transition is journaled by the relay under one persistence id with gapless sequence numbers, so the
    /// newest one is found by doubling then bisecting over single-event reads of that key: about 2·log2(n)
    /// indexed reads, whatever the length of the feed.
    /// </summary>
    private async Task<long> SearchLatestOffsetAsync(CancellationToken cancellationToken)
    {
        if (await RelayedAtAsync(1, cancellationToken) is not { } firstOffset)
            return 0;
        long known = 1, knownOffset = firstOffset, beyond = 2;
        while (await RelayedAtAsync(beyond, cancellationToken) is { } offset)
        {
            (known, knownOffset) = (beyond, offset);
            beyond *= 2;
        }
        while (beyond - known > 1)
        {
            var middle = known + (beyond - known) / 2;
            if (await RelayedAtAsync(middle, cancellationToken) is { } offset)
                (known, knownOffset) = (middle, offset);
            else
                beyond = middle;
        }
        return knownOffset;
    }

    private async Task<long?> RelayedAtAsync(long sequenceNr, CancellationToken cancellationToken)
    {
        var found = await Journal.CurrentEventsByPersistenceId(StatusRelayActor.RelayPersistenceId, sequenceNr, sequenceNr)
            .Select(envelope => envelope.Offset is Sequence sequence ? sequence.Value : (long?)null)
            .RunWith(Sink.FirstOrDefault<long?>(), _system.Materializer())
            .WaitAsync(cancellationToken);
        return found;
    }

    private static StatusChangeView ToView(EventEnvelope envelope) =>
        StatusChangeView.Of(((Sequence)envelope.Offset).Value, (DomainStatusChanged)envelope.Event);
}
