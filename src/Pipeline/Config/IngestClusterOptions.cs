using System.ComponentModel.DataAnnotations;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>
/// The <c>Ingest:Cluster</c> section: off by default (one node, any store). When on, the node joins an
/// Akka.Cluster of hosts sharing one PostgreSQL database, and each partition has one owner cluster-wide.
/// </summary>
public sealed class IngestClusterOptions
{
    /// <summary>The role every ingest node carries; the partition owners live on it.</summary>
    public const string Role = "ingest";

    /// <summary>The role of the nodes that may run the status relay singleton (<c>Ingest:StatusFeed:RunRelay</c>).</summary>
    public const string RelayRole = "status-relay";

    public bool Enabled { get; set; }

    /// <summary>
    /// The name the other nodes dial, and the one in this node's address. One literal name everywhere: mixing
    /// <c>localhost</c> and <c>127.0.0.1</c> makes remoting drop messages "for a non-local recipient".
    /// </summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>The interface remoting binds (e.g. <c>0.0.0.0</c> in a container); defaults to <see cref="Hostname"/>.</summary>
    public string? BindHostname { get; set; }

    [Range(0, 65535)]
    public int Port { get; set; } = 4053;

    /// <summary>
    /// Seed nodes, <c>akka.tcp://akka-ingest@host:port</c> (<c>akka.ssl.tcp://…</c> with <see cref="Tls"/>); the same
    /// list on every node.
    /// </summary>
    public string[] SeedNodes { get; set; } = [];

    /// <summary>
    /// Members that must have joined before any becomes Up (and before partition owners are placed): with the
    /// expected node count, the owners start spread over every node instead of all on the first one.
    /// </summary>
    [Range(1, 1000)]
    public int MinimumMembers { get; set; } = 1;

    /// <summary>
    /// True: every front end sends each partition's contributions to that partition's owner, which writes them.
    /// False (the default, the faster of the two as measured in docs/BENCHMARKS.md): each node writes its own
    /// contributions directly; commutative upserts and the origin ledger make that exact too.
    /// </summary>
    public bool RouteToOwner { get; set; }

    /// <summary>How long a front end waits for the owner before it writes the same contribution itself.</summary>
    public TimeSpan OwnerTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most events in one contribution sent to an owner: bounds a remote message (Ingest:MaxBatchEvents is capped by it).</summary>
    [Range(1, 100_000)]
    public int MaxContributionEvents { get; set; } = 8_192;

    /// <summary>The largest remote message; a larger one would be discarded by remoting, so it is kept well above a contribution.</summary>
    [Range(128_000, 64 << 20)]
    public int MaxFrameSize { get; set; } = 4 << 20;

    /// <summary>
    /// The split-brain resolver's quiet time before it downs unreachable nodes (Akka's default is 20 s, its
    /// rule of thumb log10(nodes)·10 s); with the failure detector's pause it bounds how long a dead node owns partitions.
    /// </summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>
    /// The split-brain resolver's <c>down-all-when-unstable</c>: false (the default) suits nodes nobody restarts, where
    /// a flapping network must not take the whole cluster down; true suits an orchestrator that restarts downed
    /// nodes (deploy/k8s/cluster): when the membership keeps changing past StableAfter, every node downs itself
    /// rather than risk two sides each keeping a "majority".
    /// </summary>
    public bool DownAllWhenUnstable { get; set; }

    /// <summary>Heartbeats missed for this long make a node unreachable (Akka's default is 3 s; raised for shared machines).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// PostgreSQL's <c>idle_in_transaction_session_timeout</c> for this node's connections. The commit lanes' writes
    /// are single statements, each its own transaction, so they are never idle inside one; the status feed's journal
    /// (Akka.Persistence.Sql) uses explicit transactions, and a node frozen (GC pause, SIGSTOP, a stalled VM) inside
    /// one would hold its locks for as long as it is frozen; after this the server aborts that transaction and the
    /// relay journals the same entries again after its restart (the journal's key refuses a double).
    /// </summary>
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a leaving node's regions wait for their entities to hand off.</summary>
    public TimeSpan HandOffTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS on the remoting port; without it remoting is plaintext and unauthenticated (a trusted network only).</summary>
    public IngestClusterTlsOptions Tls { get; set; } = new();

    public string BindHost => string.IsNullOrWhiteSpace(BindHostname) ? Hostname : BindHostname;

    /// <summary>The scheme of every node's address: Akka.Remote names its TLS transport <c>akka.ssl.tcp</c>.</summary>
    public string Protocol => Tls.Enabled ? TlsProtocol : PlaintextProtocol;

    public const string PlaintextProtocol = "akka.tcp";

    public const string TlsProtocol = "akka.ssl.tcp";

    /// <summary>This node's own address, as the seeds name it.</summary>
    public string SelfAddress => $"{Protocol}://{AkkaConfiguration.ActorSystemName}@{Hostname}:{Port}";
}
