using System.Net.Http.Headers;

namespace Akka.Ingest.Generator.Load;

/// <summary>How long a 503 asks us to wait: its Retry-After (seconds or a date), one second if absent, at most a minute.</summary>
public static class RetryAfter
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    public static TimeSpan Of(HttpResponseMessage response) => Of(response.Headers.RetryAfter, DateTimeOffset.UtcNow);

    public static TimeSpan Of(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => Default,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Longest ? Longest : wait;
    }
}
