using System.Text.Json;
using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.StatusFeed;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// The status feed: <c>GET /domains/changes</c> (a page of transitions after an offset),
/// <c>GET /domains/changes/stream</c> (Server-Sent Events, resumable with <c>Last-Event-ID</c>) and
/// <c>GET /domains?status=…</c> (domains by status, keyset-paged).
/// </summary>
public static class StatusFeedEndpoints
{
    public const int MaxPageSize = 1000;
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStatusFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/domains/changes", GetChangesAsync);
        app.MapGet("/domains/changes/stream", StreamChangesAsync);
        app.MapGet("/domains", ListDomainsAsync);
        return app;
    }

    private static async Task<IResult> GetChangesAsync(
        StatusFeedQueries queries, CancellationToken cancellationToken, long after = 0, int limit = 100)
    {
        if (after < 0 || limit is < 1 or > MaxPageSize)
            return Problems.InvalidQuery($"'after' must be at least 0 and 'limit' between 1 and {MaxPageSize}.");

        var items = await queries.PageAsync(after, limit, cancellationToken);
        return Results.Ok(new StatusChangePage(items, items.Count > 0 ? items[^1].Offset : after));
    }

    /// <summary>
    /// Without <c>after</c> or <c>Last-Event-ID</c> the stream starts live (transitions journaled from now on);
    /// <c>after=0</c> asks for the whole history. At most <see cref="Config.StatusFeedOptions.MaxStreamClients"/>
    /// streams are open at once, and every stream ends when the host begins to stop, so none holds the drain.
    /// </summary>
    private static async Task StreamChangesAsync(
        HttpContext context, StatusFeedQueries queries, StatusStreamSlots slots, ActorSystem system,
        IHostApplicationLifetime lifetime, IOptions<Config.IngestOptions> options, IOptions<JsonOptions> json, long? after = null)
    {
        if (long.TryParse(context.Request.Headers["Last-Event-ID"], out var lastEventId))
            after = lastEventId;
        if (after < 0)
        {
            await Problems.InvalidQuery("'after' must be at least 0.").ExecuteAsync(context);
            return;
        }

        using var slot = slots.TryEnter(context.Connection.RemoteIpAddress, out var refusal);
        if (slot is null)
        {
            await Problems.Unavailable(context, options.Value, $"{refusal}; retry later or page /domains/changes.").ExecuteAsync(context);
            return;
        }
        // Fixed before the headers go out: once a client sees them, everything journaled later reaches it.
        var start = after ?? await queries.LatestOffsetAsync(context.RequestAborted);

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(context.RequestAborted);

        var serializer = json.Value.SerializerOptions;
        var (killSwitch, completion) = queries.Live(start)
            .Select(change => $"id: {change.Offset}\nevent: status-change\ndata: {JsonSerializer.Serialize(change, serializer)}\n\n")
            .KeepAlive(HeartbeatInterval, () => ": heartbeat\n\n")
            .ViaMaterialized(KillSwitches.Single<string>(), Keep.Right)
            .SelectAsync(1, async frame =>
            {
                await response.WriteAsync(frame, context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                return NotUsed.Instance;
            })
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(system.Materializer());

        await using (context.RequestAborted.Register(killSwitch.Shutdown))
        await using (lifetime.ApplicationStopping.Register(killSwitch.Shutdown))
        {
            try
            {
                await completion;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away: the feed ends here.
            }
        }
    }

    private static async Task<IResult> ListDomainsAsync(
        IDomainDirectory directory, CancellationToken cancellationToken,
        string? status = null, string? after = null, int limit = 100)
    {
        if (!DomainStatusNames.TryParse(status, out var wanted))
            return Problems.InvalidQuery($"'status' must be one of '{DomainStatusNames.CatchAll}', '{DomainStatusNames.NotCatchAll}', '{DomainStatusNames.Unknown}'.");
        if (limit is < 1 or > MaxPageSize)
            return Problems.InvalidQuery($"'limit' must be between 1 and {MaxPageSize}.");
        if (after is { Length: > DomainName.MaxLength } || (after?.Any(char.IsControl) ?? false))
            return Problems.InvalidQuery($"'after' must be a domain (or the start of one): at most {DomainName.MaxLength} characters, no control characters.");

        var page = await directory.ListAsync(wanted, after, limit, cancellationToken);
        return Results.Ok(new DomainPage(
            page.Items.Select(counts => new DomainView(counts.Domain, wanted.ToWireName(), counts.Delivered, counts.Bounced)).ToArray(),
            page.ResumeAfter));
    }

    public sealed record StatusChangePage(IReadOnlyList<StatusChangeView> Items, long Next);

    public sealed record DomainPage(IReadOnlyList<DomainView> Items, string? Next);
}
