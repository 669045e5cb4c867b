using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Akka.Ingest.Pipeline.Management;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>
/// The live dashboard, mapped inside the <c>/admin</c> group so it has the same listener and access rule:
/// <c>/admin/dashboard</c> (the page), its script and style (embedded in the host: no network at run time),
/// and <c>/admin/dashboard/stream</c> (Server-Sent Events: a <c>hello</c> with the history, then one
/// <c>sample</c> per <see cref="DashboardOptions.SampleInterval"/>).
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    private static readonly IReadOnlyDictionary<string, (string ContentType, byte[] Content)> Assets = LoadAssets();

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder admin)
    {
        admin.MapGet(Path, Page);
        admin.MapGet(Path + "/dashboard.js", () => Asset("dashboard.js"));
        admin.MapGet(Path + "/dashboard.css", () => Asset("dashboard.css"));
        admin.MapGet(Path + "/stream", StreamAsync);
        return admin;
    }

    /// <summary>
    /// The page, its asset links made absolute from where it was asked for (behind any path base, with or without
    /// a trailing slash), with a sign-out button when a browser session brought it.
    /// </summary>
    private static IResult Page(HttpContext context, ManagementSessions sessions)
    {
        var self = (context.Request.PathBase + context.Request.Path).Value!.TrimEnd('/');
        var signOut = sessions.IsOpen(context.Request.Cookies[ManagementSessions.CookieName])
            ? $"<form method=\"post\" action=\"{WebUtility.HtmlEncode(context.Request.PathBase + ManagementEndpoints.Prefix + "/logout")}\" class=\"signout\"><button type=\"submit\" id=\"signout\">Sign out</button></form>"
            : "";
        var html = Encoding.UTF8.GetString(Assets["dashboard.html"].Content)
            .Replace("%BASE%", WebUtility.HtmlEncode(self), StringComparison.Ordinal)
            .Replace("%SIGNOUT%", signOut, StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Asset(string name)
    {
        var (contentType, content) = Assets[name];
        return Results.Bytes(content, contentType);
    }

    private static async Task StreamAsync(HttpContext context, DashboardSampler sampler, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var serializer = json.Value.SerializerOptions;
        // The stream ends when the page goes or the host stops (a stream left open would hold up the shutdown).
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ended.Token;

        try
        {
            using var subscription = await sampler.SubscribeAsync(aborted);
            // A page that reconnects is told to wait a little: the host may be restarting.
            await response.WriteAsync($"retry: 2000\nevent: hello\ndata: {JsonSerializer.Serialize(subscription.Hello, serializer)}\n\n", aborted);
            await response.Body.FlushAsync(aborted);
            await foreach (var sample in subscription.Samples.ReadAllAsync(aborted))
            {
                await response.WriteAsync($"event: sample\ndata: {JsonSerializer.Serialize(sample, serializer)}\n\n", aborted);
                await response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page went away, or the host is stopping.
        }
    }

    private static Dictionary<string, (string, byte[])> LoadAssets()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        return new[] { ("dashboard.html", "text/html; charset=utf-8"), ("dashboard.js", "text/javascript; charset=utf-8"), ("dashboard.css", "text/css; charset=utf-8") }
            .ToDictionary(a => a.Item1, a => (a.Item2, Read(assembly, a.Item1)));
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
