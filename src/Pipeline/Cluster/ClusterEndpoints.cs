using Akka.Actor;
using Akka.Ingest.Pipeline.Management;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// <c>/admin/cluster</c> (members, status, roles, leader, oldest, unreachable) and <c>/admin/cluster/sharding</c>
/// (which node owns which partition), on the management listener and behind the same access filter as the other
/// <c>/admin</c> endpoints.
/// A host without a cluster, or without owner routing for <c>/sharding</c>, answers 404 with a problem body saying so.
/// </summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterManagement(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(ManagementEndpoints.Prefix + "/cluster").AddEndpointFilter<ManagementAccessFilter>();
        admin.MapGet("/", (ClusterInspector inspector) =>
            inspector.IsClustered ? Results.Ok(inspector.ReadMembership()) : NotClustered());
        admin.MapGet("/sharding", GetRegionStatsAsync);
        return app;
    }

    private static async Task<IResult> GetRegionStatsAsync(ClusterInspector inspector, CancellationToken cancellationToken)
    {
        if (!inspector.IsClustered)
            return NotClustered();
        if (!inspector.RoutesToOwners)
            return Results.Problem(
                title: "No partition owners",
                detail: "Owner routing is off (Ingest:Cluster:RouteToOwner=false): every node's commit lanes write what it receives, and no partition-owner region runs.",
                statusCode: StatusCodes.Status404NotFound);
        try
        {
            return Results.Ok(await inspector.ReadRegionStatsAsync(cancellationToken));
        }
        catch (AskTimeoutException)
        {
            return Results.Problem(
                title: "Shard statistics unavailable",
                detail: "The partition-owner regions did not answer in time; the cluster may be changing membership.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult NotClustered() =>
        Results.Problem(
            title: "Not clustered",
            detail: "This host runs as a single node (Ingest:Cluster:Enabled=false).",
            statusCode: StatusCodes.Status404NotFound);
}
