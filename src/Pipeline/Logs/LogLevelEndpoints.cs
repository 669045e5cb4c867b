using Akka.Actor;
using Akka.Ingest.Pipeline.Management;

namespace Akka.Ingest.Pipeline.Logs;

/// <summary>
/// <c>GET /admin/log-level</c> (the current minimum level) and <c>PUT /admin/log-level</c> with
/// <c>{"level":"Debug"}</c> (sets it until the next change or restart), inside the guarded <c>/admin</c> group.
/// An unknown level is a 400 problem naming the known ones.
/// </summary>
public static class LogLevelEndpoints
{
    public const string Path = "/log-level";

    public static RouteGroupBuilder MapLogLevel(this RouteGroupBuilder admin)
    {
        admin.MapGet(Path, (LogLevelControl control) => new LogLevelView(control.Level.ToString(), null));
        admin.MapPut(Path, Set);
        return admin;
    }

    private static IResult Set(LogLevelRequest? request, LogLevelControl control, ActorSystem system, HttpContext context, ILogger<LogLevelControl> log)
    {
        if (!LogLevelControl.TryParseLevel(request?.Level, out var level))
            return ManagementProblems.InvalidArgument("level", $"The level is one of {string.Join(", ", LogLevelControl.Names)}.");
        var previous = control.Set(level, system);
        // Logged at Warning so the change itself shows whatever the new level is.
        log.LogWarning("Log level changed from {Previous} to {Level} by {Remote}", previous, level, context.Connection.RemoteIpAddress?.ToString() ?? "local");
        return Results.Ok(new LogLevelView(level.ToString(), previous.ToString()));
    }
}

public sealed record LogLevelRequest(string? Level);

/// <summary>The minimum level now, and (after a change) the one it replaced.</summary>
public sealed record LogLevelView(string Level, string? Previous);
