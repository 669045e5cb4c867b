using Akka.Actor;
using Akka.Event;
using Akka.Hosting;

namespace Akka.Ingest.StatusFeed;

/// <summary>
/// Runs the status relay on this host only while the host holds the relay lease (<see cref="IRelayLease"/>): of the
/// hosts without a cluster that share one database, one relays and the others wait to take over. It starts the relay
/// (its backoff supervisor, as a child) when the lease comes and stops it when the lease goes; it starts a new one only
/// once the stopped one has terminated, so this host never runs two. It stands for the relay on this host, as the
/// singleton proxy does in a cluster: it forwards the relay's queries to the relay, and while the relay does not run
/// here it answers them with <see cref="RelayNotRunningHereException"/>.
/// </summary>
public sealed class StatusRelayLeaseActor : ReceiveActor
{
    public const string Name = "status-relay-lease";
    public const string RelayName = "status-relay-supervisor";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IRelayLease _lease;
    private readonly Props _relayProps;
    private IDisposable? _contention;
    private bool _held;
    private IActorRef? _relay;
    private IActorRef? _stoppingRelay;

    public StatusRelayLeaseActor(IRelayLease lease, Props relayProps)
    {
        _lease = lease;
        _relayProps = relayProps;
        Receive<LeaseChanged>(HandleLeaseChanged);
        Receive<RelayStopped>(HandleRelayStopped);
        Receive<StatusRelayActor.GetRelayStatus>(ForwardToRelay);
        Receive<GetRelayLease>(_ => Sender.Tell(new RelayLeaseStatus(_held, _relay is not null)));
    }

    public static Props Props(IRelayLease lease, Props relayProps) =>
        Akka.Actor.Props.Create(() => new StatusRelayLeaseActor(lease, relayProps));

    protected override void PreStart()
    {
        var self = Self;
        _contention = _lease.Contend(change => self.Tell(new LeaseChanged(change)));
    }

    protected override void PostStop()
    {
        // The relay, a child, has stopped already: giving the lease up now lets another host's relay start without
        // this one still writing.
        _contention?.Dispose();
        base.PostStop();
    }

    private void HandleLeaseChanged(LeaseChanged changed)
    {
        _held = changed.Change.Held;
        if (_held)
        {
            _log.Info("Status relay: this host holds the relay lease ({Lease}: {Reason}) and runs the relay", _lease.Description, changed.Change.Reason);
            StartRelayOnceFree();
        }
        else if (_relay is not null)
        {
            _log.Warning("Status relay: this host lost the relay lease ({Lease}: {Reason}) and stops its relay", _lease.Description, changed.Change.Reason);
            _stoppingRelay = _relay;
            _relay = null;
            Context.Stop(_stoppingRelay);
        }
        else
        {
            _log.Info("Status relay: this host does not hold the relay lease ({Lease}: {Reason}); it takes the relay over once the lease is free",
                _lease.Description, changed.Change.Reason);
        }
    }

    private void HandleRelayStopped(RelayStopped stopped)
    {
        if (stopped.Relay.Equals(_stoppingRelay))
            _stoppingRelay = null;
        if (stopped.Relay.Equals(_relay))
            _relay = null;
        StartRelayOnceFree();
    }

    private void StartRelayOnceFree()
    {
        if (!_held || _relay is not null || _stoppingRelay is not null)
            return;
        _relay = Context.ActorOf(_relayProps, RelayName);
        Context.WatchWith(_relay, new RelayStopped(_relay));
    }

    private void ForwardToRelay(StatusRelayActor.GetRelayStatus query)
    {
        if (_relay is not null)
            _relay.Forward(query);
        else
            Sender.Tell(new Status.Failure(new RelayNotRunningHereException()));
    }

    public sealed class GetRelayLease : INoSerializationVerificationNeeded
    {
        public static GetRelayLease Instance { get; } = new();

        private GetRelayLease()
        {
        }
    }

    /// <summary>Whether this host holds the relay lease, and whether its relay runs (not yet, or no longer, while one stops).</summary>
    public sealed record RelayLeaseStatus(bool Held, bool Running) : INoSerializationVerificationNeeded;

    private sealed record LeaseChanged(RelayLeaseChange Change) : INoSerializationVerificationNeeded, IDeadLetterSuppression;

    private sealed record RelayStopped(IActorRef Relay) : INoSerializationVerificationNeeded, IDeadLetterSuppression;
}

public static class StatusRelayLeaseActorExtensions
{
    /// <summary>
    /// Starts <c>/user/status-relay-lease</c>, which runs the relay under <paramref name="lease"/>
    /// (<c>…/status-relay-supervisor/status-relay</c> while this host holds it), and registers it as
    /// <see cref="StatusRelayLeaseActor"/> and as <see cref="StatusRelayActor"/>, the relay's front on this host. Call
    /// it once the database is reachable: the journal is created on the relay's first recovery.
    /// </summary>
    public static IActorRef StartStatusRelayUnderLease(
        this ActorSystem system, IRelayLease lease, IStatusOutbox outbox, IOutboxSignal signal, StatusRelayOptions options)
    {
        var front = system.ActorOf(
            StatusRelayLeaseActor.Props(lease, StatusRelayActorExtensions.SupervisedProps(outbox, signal, options)), StatusRelayLeaseActor.Name);
        var registry = ActorRegistry.For(system);
        registry.Register<StatusRelayLeaseActor>(front);
        registry.Register<StatusRelayActor>(front);
        return front;
    }
}
