using System.Net.Http;

namespace Akka.Ingest.Generator.Load;

/// <summary>Names a request that got no HTTP answer, for the report's transport errors by kind.</summary>
public static class TransportErrorKind
{
    public static string Of(Exception exception) => exception switch
    {
        OperationCanceledException => "timeout",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection_refused_or_reset",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "name_resolution",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "response_ended",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "tls",
        HttpRequestException { HttpRequestError: var error } => error.ToString().ToLowerInvariant(),
        _ => exception.GetType().Name,
    };
}
