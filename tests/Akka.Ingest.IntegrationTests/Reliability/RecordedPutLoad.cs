using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Akka.Ingest.Domain;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// A PUT load that keeps every answer (<see cref="Akka.Ingest.Testing.PutLoad"/> keeps scores): status, whether it carried a problem body
/// that names its status, when it was sent and answered. The spec then reads from <see cref="Answers"/> what it asserts
/// and prints. Each event is sent once, never retried; <see cref="MarkNow"/> sets a moment after which the acknowledged
/// requests sent are counted as they arrive (<see cref="AcknowledgedSinceMark"/>), for a spec to wait on.
/// </summary>
public sealed class RecordedPutLoad
{
    private readonly ConcurrentQueue<Answer> _answers = new();
    private long _acknowledged;
    private long _unavailable;
    private long _acknowledgedSinceMark;
    private long _mark = long.MaxValue;

    /// <summary>
    /// One PUT: <see cref="Status"/> null when no answer came (a transport error or the client's timeout); times are
    /// <see cref="Stopwatch"/> timestamps.
    /// </summary>
    public sealed record Answer(DomainEvent Event, HttpStatusCode? Status, bool HasProblemBody, string? Body, long SentAt, long AnsweredAt)
    {
        public TimeSpan Duration => Stopwatch.GetElapsedTime(SentAt, AnsweredAt);
    }

    public IReadOnlyCollection<Answer> Answers => _answers;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>503s so far.</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>204s of requests sent after <see cref="MarkNow"/>.</summary>
    public long AcknowledgedSinceMark => Interlocked.Read(ref _acknowledgedSinceMark);

    /// <summary>Requests sent from now on count towards <see cref="AcknowledgedSinceMark"/>; returns the mark.</summary>
    public long MarkNow()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _mark, now);
        return now;
    }

    /// <summary>Sends the events, <paramref name="concurrency"/> at a time, event i not before i / <paramref name="ratePerSecond"/> s, until done or stopped.</summary>
    public Task RunAsync(HttpClient client, IEnumerable<DomainEvent> events, int concurrency, double ratePerSecond, CancellationToken stop) =>
        Akka.Ingest.Testing.PacedSends.RunAsync(events, concurrency, ratePerSecond, stop, evt => SendAsync(client, evt));

    private async Task SendAsync(HttpClient client, DomainEvent evt)
    {
        var kind = evt.Kind == EventKind.Bounced ? "bounced" : "delivered";
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PutAsync($"/events/{evt.Domain}/{kind}", null);
            var body = await response.Content.ReadAsStringAsync();
            var answered = Stopwatch.GetTimestamp();
            _answers.Enqueue(new Answer(evt, response.StatusCode, IsProblemFor(response, body), body.Length == 0 ? null : body, sent, answered));
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                Interlocked.Increment(ref _acknowledged);
                if (sent >= Interlocked.Read(ref _mark))
                    Interlocked.Increment(ref _acknowledgedSinceMark);
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                Interlocked.Increment(ref _unavailable);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No answer: the outcome is unknown (the event may be counted).
            _answers.Enqueue(new Answer(evt, null, false, e.GetBaseException().Message, sent, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>An RFC 9457 body (<c>application/problem+json</c>) whose <c>status</c> is the response's.</summary>
    private static bool IsProblemFor(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return false;
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) && code == (int)response.StatusCode;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
