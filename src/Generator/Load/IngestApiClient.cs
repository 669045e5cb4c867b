using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Generator.Verification;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// The host's HTTP API as the generator uses it. One <see cref="HttpClient"/> over a keep-alive
/// <see cref="SocketsHttpHandler"/> with one connection per worker, so no request waits for a connection
/// and no connection is opened per request.
/// </summary>
public sealed class IngestApiClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;

    public IngestApiClient(Uri baseUrl, int connections, TimeSpan requestTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = ProbeTimeout,
            // A load tool talks to the service itself, never through a proxy from the environment.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = requestTimeout };
    }

    public Uri BaseUrl => _http.BaseAddress!;

    /// <summary>Throws <see cref="HostUnreachableException"/> unless the host answers an HTTP request, any status.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await _http.GetAsync(string.Empty, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new HostUnreachableException($"Cannot reach {BaseUrl}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostUnreachableException(
                $"Cannot reach {BaseUrl}: no answer within {ProbeTimeout.TotalSeconds:0} s.", ex);
        }
    }

    public const string ProducerIdHeader = "Producer-Id";
    public const string ProducerSequenceHeader = "Producer-Sequence";
    public const string ProducerDuplicateHeader = "Producer-Duplicate";

    /// <summary>A PUT of one event; with <paramref name="producer"/>, as that producer's request of that sequence.</summary>
    public Task<HttpResponseMessage> PutEventAsync(DomainEvent evt, CancellationToken cancellationToken, (string Id, long Sequence)? producer = null)
    {
        var kind = evt.Kind == EventKind.Bounced ? "bounced" : "delivered";
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"events/{evt.Domain}/{kind}", UriKind.Relative));
        if (producer is { } session)
        {
            request.Headers.TryAddWithoutValidation(ProducerIdHeader, session.Id);
            request.Headers.TryAddWithoutValidation(ProducerSequenceHeader, session.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return _http.SendAsync(request, cancellationToken);
    }

    /// <summary>The host's view of a domain, or the status code it answered instead of 200.</summary>
    public async Task<(DomainAnswer? Answer, HttpStatusCode Status)> GetDomainAsync(string domain, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"domains/{domain}", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            return (null, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<DomainAnswer>(Json, cancellationToken);
        return (answer, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
