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
/// A tiny Kestrel app that answers every PUT with 204 at once, except that when the <c>stallAt</c>-th PUT arrives
/// it stops answering for <c>stall</c>: that PUT and every one arriving meanwhile wait until the stall ends, as a
/// host in a long GC pause or a store fail-over would. Counts the PUTs it answered.
/// </summary>
public sealed class StallingHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _stallAt;
    private readonly TimeSpan _stall;
    private int _puts;
    private long _stallEndsTicks;

    private StallingHost(WebApplication app, int stallAt, TimeSpan stall)
    {
        _app = app;
        _stallAt = stallAt;
        _stall = stall;
    }

    public string Url { get; private set; } = string.Empty;

    public int Puts => Volatile.Read(ref _puts);

    public static async Task<StallingHost> StartAsync(int stallAt, TimeSpan stall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new StallingHost(app, stallAt, stall);
        app.MapPut("/events/{domain}/{kind}", host.AnswerAsync);
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

    private async Task<IResult> AnswerAsync()
    {
        if (Interlocked.Increment(ref _puts) == _stallAt)
            Interlocked.Exchange(ref _stallEndsTicks, DateTime.UtcNow.Add(_stall).Ticks);
        var wait = new DateTime(Interlocked.Read(ref _stallEndsTicks), DateTimeKind.Utc) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        return Results.NoContent();
    }
}
