using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Management;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// pbm's cluster verbs that change state, and its <c>cluster tail</c>, behind the same access filter as every
/// <c>/admin</c> endpoint: <c>POST /admin/cluster/down</c>, <c>/leave</c> and <c>/join</c> with
/// <c>{"address":"akka.tcp://akka-ingest@host:port"}</c> (202 once Akka has been told: the change itself spreads
/// by gossip), and <c>GET /admin/cluster/events</c>, the membership events as Server-Sent Events. A bad address is a
/// 400 problem; a member this node does not know, for down and leave, a 404; a host without a cluster, a 404.
/// </summary>
public static class ClusterCommandEndpoints
{
    public static IEndpointRouteBuilder MapClusterCommands(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(ManagementEndpoints.Prefix + "/cluster").AddEndpointFilter<ManagementAccessFilter>();
        admin.MapPost("/down", (ClusterAddressRequest? request, ClusterInspector inspector, ActorSystem system, ILogger<ClusterInspector> log) =>
            Change("down", request, inspector, system, log, (cluster, address) => cluster.Down(address)));
        admin.MapPost("/leave", (ClusterAddressRequest? request, ClusterInspector inspector, ActorSystem system, ILogger<ClusterInspector> log) =>
            Change("leave", request, inspector, system, log, (cluster, address) => cluster.Leave(address)));
        admin.MapPost("/join", (ClusterAddressRequest? request, ClusterInspector inspector, ActorSystem system, ILogger<ClusterInspector> log) =>
            Change("join", request, inspector, system, log, (cluster, address) => cluster.Join(address)));
        admin.MapGet("/events", StreamEventsAsync);
        return app;
    }

    /// <summary>An <c>akka.tcp://system@host:port</c> (or, with TLS, <c>akka.ssl.tcp://…</c>) address of this cluster's actor system, or why not.</summary>
    public static bool TryParseAddress(string? text, out Address address, out string problem)
    {
        address = Address.AllSystems;
        problem = $"The address is a member's address such as akka.tcp://{AkkaConfiguration.ActorSystemName}@10.0.0.2:4053.";
        if (string.IsNullOrWhiteSpace(text))
            return false;
        try
        {
            address = Address.Parse(text.Trim());
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return false;
        }
        if (address.Protocol is not (IngestClusterOptions.PlaintextProtocol or IngestClusterOptions.TlsProtocol) || string.IsNullOrEmpty(address.Host) || address.Port is null or < 1 or > 65535)
            return false;
        if (address.System != AkkaConfiguration.ActorSystemName)
        {
            problem = $"The address names the actor system '{address.System}'; this cluster's is '{AkkaConfiguration.ActorSystemName}'.";
            return false;
        }
        return true;
    }

    private static IResult Change(
        string verb, ClusterAddressRequest? request, ClusterInspector inspector, ActorSystem system, ILogger log, Action<Akka.Cluster.Cluster, Address> apply)
    {
        if (!inspector.IsClustered)
            return NotClustered();
        if (!TryParseAddress(request?.Address, out var address, out var problem))
            return ManagementProblems.InvalidArgument("address", problem);
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (address.Protocol != cluster.SelfAddress.Protocol)
            return ManagementProblems.InvalidArgument("address", $"This cluster's addresses start {cluster.SelfAddress.Protocol}:// (ingestctl cluster show lists them).");
        if (verb != "join" && cluster.State.Members.All(m => m.Address != address) && cluster.State.Unreachable.All(m => m.Address != address))
            return Results.Problem(
                title: "No such member",
                detail: $"{address} is not a member this node knows (ingestctl cluster show lists them).",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["address"] = address.ToString() });

        log.LogWarning("Cluster {Verb} {Address} asked through the management endpoint", verb, address);
        apply(cluster, address);
        return Results.Accepted(value: new ClusterCommandView(verb, address.ToString()));
    }

    private static async Task StreamEventsAsync(HttpContext context, ClusterInspector inspector, ActorSystem system, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        if (!inspector.IsClustered)
        {
            await NotClustered().ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ended.Token;
        // Bounded: a client that stops reading loses the oldest events rather than the host's memory.
        var events = Channel.CreateBounded<ClusterEventView>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var forwarder = system.ActorOf(Props.Create(() => new ClusterEventsActor(events.Writer)));
        try
        {
            await response.WriteAsync("retry: 2000\n\n", aborted);
            await response.Body.FlushAsync(aborted);
            await foreach (var e in events.Reader.ReadAllAsync(aborted))
            {
                await response.WriteAsync($"event: member\ndata: {JsonSerializer.Serialize(e, json.Value.SerializerOptions)}\n\n", aborted);
                await response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away, or the host is stopping.
        }
        finally
        {
            system.Stop(forwarder);
        }
    }

    private static IResult NotClustered() =>
        Results.Problem(
            title: "Not clustered",
            detail: "This host runs as a single node (Ingest:Cluster:Enabled=false).",
            statusCode: StatusCodes.Status404NotFound);
}

public sealed record ClusterAddressRequest(string? Address);

/// <summary>What a state-changing cluster verb asked Akka to do.</summary>
public sealed record ClusterCommandView(string Verb, string Address);
