using System.Net;

namespace Akka.Ingest.Bench;

/// <summary>An <see cref="HttpClient"/> for the runner's own loads: keep-alive, one connection per worker, no proxy.</summary>
public static class HttpLoadClient
{
    public static HttpClient Create(Uri server, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(60),
        };
}
