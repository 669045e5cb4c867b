using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary>
/// <c>http_request_duration_seconds{code,method,endpoint,controller,action}</c>, the series and labels of
/// prometheus-net's HTTP middleware (so its community dashboards still work), with every label bounded: the method
/// is one of <see cref="KnownMethods"/> or <c>OTHER</c> (Kestrel accepts any token as a method, and one series per
/// distinct token let any client grow the registry without limit), the endpoint is the route pattern or empty.
/// </summary>
public sealed class HttpRequestDurationMiddleware(RequestDelegate next, Histogram duration)
{
    public const string Name = "http_request_duration_seconds";

    public const string OtherMethod = "OTHER";

    public static readonly IReadOnlySet<string> KnownMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete, HttpMethods.Options, HttpMethods.Patch,
    };

    public static Histogram Create(IMetricFactory factory) =>
        factory.CreateHistogram(Name, "The duration of HTTP requests processed by an ASP.NET Core application.",
            ["code", "method", "endpoint", "controller", "action"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });

    /// <summary>The method as a label value: itself when known (case as sent is not, so <c>get</c> is OTHER too), else OTHER.</summary>
    public static string MethodLabel(string method) => KnownMethods.Contains(method) ? method : OtherMethod;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var code = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
            duration.WithLabels(code.ToString(CultureInfo.InvariantCulture), MethodLabel(context.Request.Method), endpoint, "", "")
                .Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
