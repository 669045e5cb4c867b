using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Akka.Ingest.Tests.Generator;

/// <summary>
/// A tiny Kestrel app standing in for a host whose answers get lost: the first attempt of every
/// <c>everyNth</c> event is either counted and its connection cut before the answer (<see cref="Loss.CutAfterCounting"/>,
/// as a node killed after its commit), or answered <c>lossStatus</c> without counting (a balancer's 502/504), or every
/// attempt is (<see cref="Loss.StatusEveryTime"/>: a host that never comes back). It keeps
/// the producer contract as the real host does: a sequence counted before is answered 204 with
/// <c>Producer-Duplicate</c> and counted no more. Records every request.
/// </summary>
public sealed class LostAnswerHost : IAsyncDisposable
{
    public enum Loss
    {
        CutAfterCounting,
        StatusWithoutCounting,
        StatusEveryTime,
    }

    public sealed record Request(string Path, string? ProducerId, long? Sequence, string Answer);

    private readonly WebApplication _app;
    private readonly int _everyNth;
    private readonly Loss _loss;
    private readonly int _lossStatus;
    private readonly Lock _lock = new();
    private readonly List<Request> _requests = [];
    private readonly Dictionary<(string?, long?, string), int> _counted = [];
    private readonly HashSet<(string?, long?, string)> _seen = [];
    private int _events;

    private LostAnswerHost(WebApplication app, int everyNth, Loss loss, int lossStatus)
    {
        _app = app;
        _everyNth = everyNth;
        _loss = loss;
        _lossStatus = lossStatus;
    }

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_lock)
                return _requests.ToArray();
        }
    }

    /// <summary>How often each distinct request (producer, sequence, path) was counted.</summary>
    public IReadOnlyDictionary<(string? ProducerId, long? Sequence, string Path), int> Counted
    {
        get
        {
            lock (_lock)
                return new Dictionary<(string?, long?, string), int>(_counted);
        }
    }

    public static async Task<LostAnswerHost> StartAsync(int everyNth, Loss loss, int lossStatus = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new LostAnswerHost(app, everyNth, loss, lossStatus);
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
        var id = context.Request.Headers["Producer-Id"].FirstOrDefault();
        long? sequence = long.TryParse(context.Request.Headers["Producer-Sequence"].FirstOrDefault(), out var s) ? s : null;
        var key = (id, sequence, context.Request.Path.Value!);
        lock (_lock)
        {
            // Without producer headers nothing tells a resend from a new event of the same domain: each is an event.
            var firstAttempt = id is null || _seen.Add(key);
            var lost = firstAttempt && ++_events % _everyNth == 0;
            if (_counted.ContainsKey(key) && id is not null)
            {
                _requests.Add(new Request(key.Item3, id, sequence, "duplicate"));
                context.Response.Headers["Producer-Duplicate"] = "true";
                return Results.NoContent();
            }
            if ((lost && _loss == Loss.StatusWithoutCounting) || _loss == Loss.StatusEveryTime)
            {
                _requests.Add(new Request(key.Item3, id, sequence, _lossStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return Results.StatusCode(_lossStatus);
            }
            _counted[key] = _counted.GetValueOrDefault(key) + 1;
            _requests.Add(new Request(key.Item3, id, sequence, lost ? "cut" : "204"));
            if (!lost)
                return Results.NoContent();
        }
        context.Abort();
        return Results.Empty;
    }
}
