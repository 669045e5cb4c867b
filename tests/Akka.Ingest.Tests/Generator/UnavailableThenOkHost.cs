using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Akka.Ingest.Tests.Generator;

/// <summary>
/// A tiny Kestrel app standing in for an overloaded host: the first <c>unavailable</c> PUTs get 503 with
/// <c>Retry-After: 1</c>, every later one 204. Records when each PUT arrived.
/// </summary>
public sealed class UnavailableThenOkHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _unavailable;
    private readonly List<(DateTimeOffset At, string Path, int Status)> _requests = [];
    private int _puts;

    private UnavailableThenOkHost(WebApplication app, int unavailable)
    {
        _app = app;
        _unavailable = unavailable;
    }

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<(DateTimeOffset At, string Path, int Status)> Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToArray();
        }
    }

    public static async Task<UnavailableThenOkHost> StartAsync(int unavailable)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new UnavailableThenOkHost(app, unavailable);
        app.MapPut("/events/{domain}/{kind}", host.Answer);
        app.MapGet("/", () => Results.Ok());
        await app.StartAsync();
        host.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Answer(HttpContext context)
    {
        var unavailable = Interlocked.Increment(ref _puts) <= _unavailable;
        lock (_requests)
            _requests.Add((DateTimeOffset.UtcNow, context.Request.Path.Value!, unavailable ? 503 : 204));
        if (!unavailable)
            return Results.NoContent();
        context.Response.Headers.RetryAfter = "1";
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }
}
