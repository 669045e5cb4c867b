using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Ingest.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Remote;
using Akka.Remote.Transport.DotNetty;
using Akka.Serialization;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// A standalone actor system outside the cluster, on loopback, with the project's wire serializer: what any
/// process that reaches a node's remoting port can run (audit finding 4). It speaks plaintext, or TLS presenting a
/// certificate of its choosing while taking whatever certificate the node presents, so that only the node's check
/// of the caller's certificate decides whether it gets in.
/// </summary>
public sealed class RemoteCaller : IAsyncDisposable
{
    private readonly TaskCompletionSource<AssociationErrorEvent> _associationFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RemoteCaller(ActorSystem system, string protocol)
    {
        System = system;
        Protocol = protocol;
        var listener = system.ActorOf(Props.Create(() => new AssociationFailureListener(_associationFailed)), "association-failures");
        system.EventStream.Subscribe(listener, typeof(AssociationErrorEvent));
    }

    public ActorSystem System { get; }

    /// <summary>The scheme of the addresses this caller dials: its own transport's.</summary>
    public string Protocol { get; }

    /// <summary>Completes with the first association this caller failed to make.</summary>
    public Task<AssociationErrorEvent> AssociationFailed => _associationFailed.Task;

    public static RemoteCaller Plaintext() => Start(enableSsl: false, setup: null);

    public static RemoteCaller Presenting(X509Certificate2 certificate) =>
        Start(enableSsl: true, new DotNettySslSetup(certificate, suppressValidation: true, requireMutualAuthentication: true));

    /// <summary>Asks the node listening on <paramref name="port"/> to write <paramref name="write"/> through its <c>/user/writers</c>.</summary>
    public Task<WriteReply> AskWritersAsync(int port, WriteBatch write, TimeSpan timeout) =>
        System.ActorSelection($"{Protocol}://{AkkaConfiguration.ActorSystemName}@127.0.0.1:{port}/user/writers").Ask<WriteReply>(write, timeout);

    private static RemoteCaller Start(bool enableSsl, DotNettySslSetup? setup)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp {
              hostname = 127.0.0.1
              port = 0
              enable-ssl = {{(enableSsl ? "on" : "off")}}
            }
            akka.loglevel = WARNING
            """);
        var serialization = SerializationSetup.Create(system =>
            [SerializerDetails.Create(IngestWireSerializer.Name, new IngestWireSerializer(system), IngestWireSerializer.BoundTypes.ToImmutableHashSet())]);
        ActorSystemSetup actorSystemSetup = BootstrapSetup.Create().WithConfig(config).And(serialization);
        if (setup is not null)
            actorSystemSetup = actorSystemSetup.And(setup);
        var protocol = enableSsl ? IngestClusterOptions.TlsProtocol : IngestClusterOptions.PlaintextProtocol;
        return new RemoteCaller(ActorSystem.Create("outsider", actorSystemSetup), protocol);
    }

    public async ValueTask DisposeAsync() => await System.Terminate();

    private sealed class AssociationFailureListener : ReceiveActor
    {
        public AssociationFailureListener(TaskCompletionSource<AssociationErrorEvent> failed) =>
            Receive<AssociationErrorEvent>(e => failed.TrySetResult(e));
    }
}
