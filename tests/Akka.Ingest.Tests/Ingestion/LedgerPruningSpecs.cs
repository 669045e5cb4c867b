using System.Net;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Http;

namespace Akka.Ingest.Tests.Ingestion;

/// <summary>
/// Idle ledger rows and old idempotency keys are forgotten while the host runs, every
/// <c>Ingest:Store:PruneInterval</c>, not only when some node starts: the tables stay bounded on a node that runs
/// for weeks, and a prune that fails (a timeout on a large backlog) is retried later instead of failing the start.
/// </summary>
public sealed class LedgerPruningSpecs
{
    [Fact]
    public async Task Should_forget_idle_origins_periodically_while_the_host_runs()
    {
        var store = new PruneRecordingStore(new InMemoryCounterStore(), fails: false);
        await using var factory = new IngestApiFactory(new Dictionary<string, string?> { ["Ingest:Store:PruneInterval"] = "00:00:00.200" }, store);
        using var client = factory.CreateClient();

        await Eventually.TrueAsync(() => store.Prunes >= 3, TimeSpan.FromSeconds(10), "three prunes while the host runs");
        Assert.Equal(TimeSpan.FromDays(1), store.LastRetention);
    }

    [Fact]
    public async Task Should_start_and_serve_when_the_prune_fails_and_try_it_again_later()
    {
        var store = new PruneRecordingStore(new InMemoryCounterStore(), fails: true);
        await using var factory = new IngestApiFactory(new Dictionary<string, string?> { ["Ingest:Store:PruneInterval"] = "00:00:00.200" }, store);
        using var client = factory.CreateClient();

        var put = await client.PutAsync("/events/prune.example/delivered", null);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        await Eventually.TrueAsync(() => store.Prunes >= 2, TimeSpan.FromSeconds(10), "the failed prune tried again");
    }

    private sealed class PruneRecordingStore(Akka.Ingest.Stores.ICounterStore inner, bool fails) : DelegatingCounterStore(inner)
    {
        private int _prunes;

        public int Prunes => Volatile.Read(ref _prunes);

        public TimeSpan LastRetention { get; private set; }

        public override Task<int> ForgetIdleOriginsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
        {
            LastRetention = idleFor;
            Interlocked.Increment(ref _prunes);
            return fails
                ? Task.FromException<int>(new TimeoutException("Injected: the prune ran past its command timeout."))
                : base.ForgetIdleOriginsAsync(idleFor, cancellationToken);
        }
    }
}
