using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>One real host (Kestrel on loopback, two partitions on two commit lanes, so trees have siblings; in-memory store) with a few events, for the CLI specs; <see cref="Url"/> is its management listener.</summary>
public sealed class CtlHostFixture : IAsyncLifetime
{
    public IngestHost Host { get; private set; } = null!;

    public string Url => Host.ManagementAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        Host = await IngestHost.StartAsync(["--Ingest:Partitions=2", "--Ingest:CommitLanes=2"],
            services => services.AddSingleton<ICounterStore>(new InMemoryCounterStore()));
        for (var i = 0; i < 3; i++)
            (await Host.Client.PutAsync("/events/ctl.example/delivered", null)).EnsureSuccessStatusCode();
        (await Host.Client.PutAsync("/events/bounce.example/bounced", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
