using System.Collections.Concurrent;
using System.Net;
using Akka.Ingest.Domain;

namespace Akka.Ingest.Testing;

/// <summary>
/// Sends PUTs with bounded concurrency and keeps score per domain of what the host acknowledged (204),
/// refused (503) and what failed in transport, so a spec can compare counts with acknowledgements exactly.
/// </summary>
public sealed class PutLoad
{
    private readonly ConcurrentDictionary<string, long> _acknowledgedDelivered = new();
    private readonly ConcurrentDictionary<string, long> _acknowledgedBounced = new();
    private long _acknowledged;
    private long _unavailable;
    private long _transportErrors;
    private long _otherStatuses;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    public long OtherStatuses => Interlocked.Read(ref _otherStatuses);

    public IReadOnlyCollection<string> Domains => _acknowledgedDelivered.Keys.Union(_acknowledgedBounced.Keys).ToArray();

    public (long Delivered, long Bounced) AcknowledgedFor(string domain) =>
        (_acknowledgedDelivered.GetValueOrDefault(domain), _acknowledgedBounced.GetValueOrDefault(domain));

    public static HttpClient CreateClient(Uri address, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(120),
        };

    /// <summary>Sends every event once (no retries), <paramref name="concurrency"/> at a time, until done or stopped.</summary>
    public async Task RunAsync(HttpClient client, IEnumerable<DomainEvent> events, int concurrency, CancellationToken stop = default)
    {
        using var enumerator = events.GetEnumerator();
        var gate = new Lock();

        bool TryNext(out DomainEvent evt)
        {
            lock (gate)
            {
                if (!stop.IsCancellationRequested && enumerator.MoveNext())
                {
                    evt = enumerator.Current;
                    return true;
                }
                evt = default;
                return false;
            }
        }

        async Task Worker()
        {
            while (TryNext(out var evt))
                await SendAsync(client, evt);
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
    }

    private async Task SendAsync(HttpClient client, DomainEvent evt)
    {
        var kind = evt.Kind == EventKind.Bounced ? "bounced" : "delivered";
        try
        {
            using var response = await client.PutAsync($"/events/{evt.Domain}/{kind}", null);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NoContent:
                    Interlocked.Increment(ref _acknowledged);
                    (evt.Kind == EventKind.Bounced ? _acknowledgedBounced : _acknowledgedDelivered)
                        .AddOrUpdate(evt.Domain, 1, (_, n) => n + 1);
                    break;
                case HttpStatusCode.ServiceUnavailable:
                    Interlocked.Increment(ref _unavailable);
                    break;
                default:
                    Interlocked.Increment(ref _otherStatuses);
                    break;
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _transportErrors);
        }
    }
}
