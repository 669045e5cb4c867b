using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Domain;
using Akka.Ingest.Inspection;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Dashboard;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.Logs;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;
using static Akka.Ingest.Inspection.ActorHierarchyProtocol;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// The <c>/admin</c> endpoints behind <c>ingestctl</c> (pbm's operations over HTTP): actors, system, pipeline,
/// logs, domains, config, and the live dashboard. Every one of them goes through <see cref="ManagementAccessFilter"/>.
/// </summary>
public static class ManagementEndpoints
{
    public const string Prefix = "/admin";
    public const string DefaultActorPath = "/user";
    public const int DefaultDepth = 4;
    public const int MaxDepth = 16;
    public const int DefaultLogLines = 50;

    private static readonly TimeSpan HierarchyTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapManagement(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Prefix).MapLogin();
        var admin = app.MapGroup(Prefix).AddEndpointFilter<ManagementAccessFilter>();
        admin.MapGet("/actors", GetActorsAsync);
        admin.MapGet("/system", GetSystem);
        admin.MapGet("/pipeline", (PipelineInspector inspector, CancellationToken ct) => inspector.ReadAsync(ct));
        admin.MapGet("/logs", GetLogs);
        admin.MapLogLevel();
        admin.MapGet("/domains/{domain}", GetDomainAsync);
        admin.MapGet("/config", (EffectiveConfiguration config) => new ConfigView(config.Read()));
        admin.MapDashboard();
        return app;
    }

    private static async Task<IResult> GetActorsAsync(
        string? path, int? depth, IRequiredActor<ActorHierarchyActor> explorer, CancellationToken cancellationToken)
    {
        var start = string.IsNullOrWhiteSpace(path) ? DefaultActorPath : path.Trim();
        if (!start.StartsWith('/') || start.IndexOfAny(['*', '?']) >= 0 || start.Split('/').Contains(".."))
            return ManagementProblems.InvalidArgument("path", "The path is an absolute actor path such as /user or /user/writers, without wildcards.");
        var levels = depth ?? DefaultDepth;
        if (levels is < 0 or > MaxDepth)
            return ManagementProblems.InvalidArgument("depth", $"The depth is between 0 and {MaxDepth}.");

        var actor = await explorer.GetAsync(cancellationToken);
        var explored = await actor.Ask<HierarchyExplored>(new ExploreHierarchy(start, levels), HierarchyTimeout, cancellationToken);
        return explored.Root is { } root ? Results.Ok(root) : ManagementProblems.NoActorAt(start);
    }

    private static SystemView GetSystem(ActorSystem system, NodeIdentity node, IngestCounters counters, ICounterStore store) =>
        SystemView.From(system, node.Id, store.Description, counters.Partitions.Count);

    private static IResult GetLogs(int? n, LogRingBuffer logs)
    {
        var count = n ?? DefaultLogLines;
        if (count < 1)
            return ManagementProblems.InvalidArgument("n", "The number of lines is at least 1.");
        return Results.Ok(new LogPeekView(logs.Capacity, logs.Last(count).Select(LogLineView.From).ToArray()));
    }

    private static async Task<IResult> GetDomainAsync(
        string domain, ICounterStore store, IngestAdmission admission, IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        if (!DomainName.TryNormalize(domain, out var normalized, out var error))
            return Problems.InvalidDomain(domain, error);

        var counts = await store.ReadAsync(normalized, cancellationToken);
        return Results.Ok(DomainDetailsView.From(counts, options.Value.Policy, admission.Partitioner.PartitionOf(normalized)));
    }
}
