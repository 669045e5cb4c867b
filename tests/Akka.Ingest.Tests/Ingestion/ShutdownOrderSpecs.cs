using Akka.Actor;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Tests.Ingestion;

/// <summary>
/// A shutdown the actor system starts (in a cluster: this node downed, or told to leave) stops the web server before
/// the drain, as SIGTERM does, and every stage of it has the time the drain needs (audit finding 11).
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class ShutdownOrderSpecs
{
    [Fact]
    public async Task Should_stop_taking_requests_before_the_drain_when_the_actor_system_starts_the_shutdown()
    {
        await using var host = await IngestHost.StartAsync([]);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var hostStoppingAtUnbind = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "spec-probe", () =>
        {
            hostStoppingAtUnbind.TrySetResult(lifetime.ApplicationStopping.IsCancellationRequested);
            return Task.FromResult(Done.Instance);
        });

        _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterDowningReason.Instance);

        Assert.True(await hostStoppingAtUnbind.Task.WaitAsync(TimeSpan.FromSeconds(20)),
            "The web server was still taking requests when the shutdown reached the drain's phases.");
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, host.Services.GetRequiredService<Pipeline.Ingestion.IngestStream>().Restarts);
    }

    [Fact]
    public async Task Should_give_the_drain_phase_the_drain_timeout_and_the_host_the_phases_after_it()
    {
        await using var host = await IngestHost.StartAsync(["--Ingest:DrainTimeout=00:00:07"]);
        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.Equal(TimeSpan.FromSeconds(12), system.Settings.Config.GetTimeSpan("akka.coordinated-shutdown.phases.service-requests-done.timeout"));
        Assert.Equal(TimeSpan.FromSeconds(37), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
