using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>The <c>Ingest:StatusFeed</c> section: the journal of status changes and its relay.</summary>
public sealed class StatusFeedOptions
{
    /// <summary>
    /// Whether this node may move outbox entries into the journal: without a cluster, whether it contends for the relay
    /// lease (one host per database runs the relay, <see cref="RelayLeaseRetryInterval"/>); in a cluster whether it may
    /// hold the relay singleton (the role <c>status-relay</c>).
    /// </summary>
    public bool RunRelay { get; set; } = true;

    /// <summary>
    /// Without a cluster, on PostgreSQL: how often a host that does not hold the relay lease tries to take it, and how
    /// often the holder's idle lease connection is checked (Npgsql's keepalive, in whole seconds, at least one). About
    /// the longest the feed waits for a new relay after the holder's session ended.
    /// </summary>
    public TimeSpan RelayLeaseRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The shortest <see cref="RelayLeaseRetryInterval"/>: each retry is a statement on the database.</summary>
    public static readonly TimeSpan ShortestRelayLeaseRetryInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest <see cref="RelayLeaseRetryInterval"/>: the feed may wait this long for a new relay.</summary>
    public static readonly TimeSpan LongestRelayLeaseRetryInterval = TimeSpan.FromMinutes(10);

    /// <summary>How soon the relay looks at the outbox after the store signals a commit with transitions, and the least time between two looks.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the relay looks at the outbox without a signal: the bound on the feed's lag when one is missed.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many outbox entries the relay reads, journals (in one PersistAll) and deletes at a time.</summary>
    public int PageSize { get; set; } = 5000;

    /// <summary>The most journal rows Akka.Persistence.Sql writes in one statement (its <c>batch-size</c>).</summary>
    public int JournalBatchSize { get; set; } = 1000;

    /// <summary>How often a live feed (SSE) looks for new journal entries.</summary>
    public TimeSpan QueryRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many SSE streams may be open at once on this node; one more is answered 503.</summary>
    public int MaxStreamClients { get; set; } = 100;

    /// <summary>
    /// How many of those one client address may hold. Behind a proxy that does not pass the client's address on, every
    /// stream comes from the proxy's: raise this to <see cref="MaxStreamClients"/> there.
    /// </summary>
    public int MaxStreamClientsPerAddress { get; set; } = 10;

    /// <summary>The relay's options, the same on one node and for the cluster singleton.</summary>
    public StatusRelayOptions Relay => new(PollInterval, IdlePollInterval, PageSize, StatusRelayOptions.DefaultSnapshotEvery);
}
