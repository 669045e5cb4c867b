using System.Globalization;

namespace Akka.Ingest.Bench;

/// <summary>
/// Answers other than 2xx a load got, by what they mean for the scale-out targets: 503 and 504 are the host's
/// and the balancer's "not now" (allowed), any other 5xx is a failure, 4xx a bad request, transport errors no answer.
/// </summary>
public sealed record HttpStatusTally(long Success, long ServiceUnavailable, long GatewayTimeout, long OtherServerErrors, long ClientErrors, long Other, long TransportErrors)
{
    public static readonly HttpStatusTally None = new(0, 0, 0, 0, 0, 0, 0);

    public static HttpStatusTally Of(IReadOnlyDictionary<int, long>? responses, long transportErrors)
    {
        var tally = None with { TransportErrors = transportErrors };
        foreach (var (status, count) in responses ?? new Dictionary<int, long>())
            tally = tally.Plus(Of(status, count));
        return tally;
    }

    public static HttpStatusTally Of(int status, long count = 1) => status switch
    {
        >= 200 and < 300 => None with { Success = count },
        503 => None with { ServiceUnavailable = count },
        504 => None with { GatewayTimeout = count },
        >= 500 => None with { OtherServerErrors = count },
        >= 400 => None with { ClientErrors = count },
        _ => None with { Other = count },
    };

    public HttpStatusTally Plus(HttpStatusTally other) => new(
        Success + other.Success, ServiceUnavailable + other.ServiceUnavailable, GatewayTimeout + other.GatewayTimeout,
        OtherServerErrors + other.OtherServerErrors, ClientErrors + other.ClientErrors, Other + other.Other,
        TransportErrors + other.TransportErrors);

    /// <summary>503 / 504 / other 5xx / 4xx / transport errors (and other statuses, when there were any).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ServiceUnavailable:#,0} / {GatewayTimeout:#,0} / {OtherServerErrors:#,0} / {ClientErrors:#,0} / {TransportErrors:#,0}{(Other > 0 ? $" (+{Other:#,0} other)" : "")}");
}
