using System.Collections.Concurrent;
using System.Diagnostics;
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
    private readonly ConcurrentDictionary<string, long> _unanswered = new();
    private readonly ConcurrentDictionary<string, long> _refused = new();
    private long _acknowledged;
    private long _unavailable;
    private long _transportErrors;
    private long _otherStatuses;
    private readonly ConcurrentQueue<double> _acknowledgedLatenciesMs = new();
    private readonly ConcurrentQueue<string?> _retryAfterValues = new();

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    public long OtherStatuses => Interlocked.Read(ref _otherStatuses);

    /// <summary>The latency of one acknowledged request at the given percentile (0–100), in milliseconds.</summary>
    public double AcknowledgedLatencyPercentile(double percentile)
    {
        var sorted = _acknowledgedLatenciesMs.OrderBy(ms => ms).ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];
    }

    /// <summary>The Retry-After header of every 503 seen (null where it was missing).</summary>
    public IReadOnlyCollection<string?> RetryAfterValues => _retryAfterValues;

    public IReadOnlyCollection<string> Domains => _acknowledgedDelivered.Keys.Union(_acknowledgedBounced.Keys).ToArray();

    public (long Delivered, long Bounced) AcknowledgedFor(string domain) =>
        (_acknowledgedDelivered.GetValueOrDefault(domain), _acknowledgedBounced.GetValueOrDefault(domain));

    /// <summary>Requests for <paramref name="domain"/> that failed in transport: their outcome is unknown (they may be counted).</summary>
    public long UnansweredFor(string domain) => _unanswered.GetValueOrDefault(domain);

    /// <summary>Requests for <paramref name="domain"/> answered 503 (refused: not acknowledged).</summary>
    public long RefusedFor(string domain) => _refused.GetValueOrDefault(domain);

    /// <summary>Adds another load's acknowledgements to this one's, to compare both with the counts.</summary>
    public void Add(PutLoad other)
    {
        foreach (var (domain, n) in other._acknowledgedDelivered)
            _acknowledgedDelivered.AddOrUpdate(domain, n, (_, mine) => mine + n);
        foreach (var (domain, n) in other._acknowledgedBounced)
            _acknowledgedBounced.AddOrUpdate(domain, n, (_, mine) => mine + n);
        foreach (var (domain, n) in other._unanswered)
            _unanswered.AddOrUpdate(domain, n, (_, mine) => mine + n);
        foreach (var (domain, n) in other._refused)
            _refused.AddOrUpdate(domain, n, (_, mine) => mine + n);
        Interlocked.Add(ref _acknowledged, other.Acknowledged);
    }

    public static HttpClient CreateClient(Uri address, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(120),
        };

    /// <summary>
    /// Sends every event once (no retries), <paramref name="concurrency"/> at a time, until done or stopped;
    /// with <paramref name="ratePerSecond"/>, event i is not sent before i / rate seconds have passed.
    /// </summary>
    public Task RunAsync(HttpClient client, IEnumerable<DomainEvent> events, int concurrency, CancellationToken stop = default, double? ratePerSecond = null) =>
        PacedSends.RunAsync(events, concurrency, ratePerSecond, stop, evt => SendAsync(client, evt));

    private async Task SendAsync(HttpClient client, DomainEvent evt)
    {
        var kind = evt.Kind == EventKind.Bounced ? "bounced" : "delivered";
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PutAsync($"/events/{evt.Domain}/{kind}", null);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NoContent:
                    _acknowledgedLatenciesMs.Enqueue(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    Interlocked.Increment(ref _acknowledged);
                    (evt.Kind == EventKind.Bounced ? _acknowledgedBounced : _acknowledgedDelivered)
                        .AddOrUpdate(evt.Domain, 1, (_, n) => n + 1);
                    break;
                case HttpStatusCode.ServiceUnavailable:
                    _retryAfterValues.Enqueue(response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null);
                    Interlocked.Increment(ref _unavailable);
                    _refused.AddOrUpdate(evt.Domain, 1, (_, n) => n + 1);
                    break;
                default:
                    Interlocked.Increment(ref _otherStatuses);
                    break;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // A transport failure or the client's timeout (a frozen host): no answer, the outcome is unknown.
            Interlocked.Increment(ref _transportErrors);
            _unanswered.AddOrUpdate(evt.Domain, 1, (_, n) => n + 1);
        }
    }
}
