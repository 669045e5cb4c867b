using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Splits the two listeners by the port a connection arrived on (the local port, which a client cannot forge,
/// unlike the <c>Host</c> header that <c>RequireHost</c> matches): the management listener serves <c>/admin</c>
/// (the dashboard and <c>/admin/cluster</c> included), <c>/health/*</c> and <c>/metrics</c>, and checks <c>Host</c>
/// against <see cref="ManagementOptions.AllowedHosts"/> (400 otherwise: a DNS-rebound page names its own host);
/// the public listener answers <c>/admin</c> with 404, as any unknown path.
/// </summary>
public sealed class ManagementListenerMiddleware(RequestDelegate next, IOptions<ManagementOptions> options)
{
    private readonly StringSegment[] _allowedHosts = options.Value.AllowedHostList.Select(host => new StringSegment(host)).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isAdmin = path.StartsWithSegments(ManagementEndpoints.Prefix);
        if (!ManagementListener.IsManagementConnection(context, options.Value))
            return isAdmin ? NotFound(context) : next(context);

        if (!HostAllowed(context.Request.Host))
            return ManagementProblems.HostNotAllowed().ExecuteAsync(context);
        var servedHere = isAdmin || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
        return servedHere ? next(context) : NotFound(context);
    }

    private bool HostAllowed(HostString host) =>
        host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), _allowedHosts);

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

public static class ManagementListenerMiddlewareExtensions
{
    /// <summary>Keeps <c>/admin</c> on the management listener and the public API off it.</summary>
    public static IApplicationBuilder UseManagementListener(this IApplicationBuilder app) =>
        app.UseMiddleware<ManagementListenerMiddleware>();
}
