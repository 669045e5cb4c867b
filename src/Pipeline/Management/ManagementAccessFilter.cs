using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Guards <c>/admin</c>: a caller on loopback is let in; any other caller needs
/// <c>Authorization: Bearer {Management:Token}</c> (401 without it), and is refused outright (403) while no
/// token is configured. A connection without an IP peer (in-process test server, Unix socket) is local.
/// </summary>
public sealed class ManagementAccessFilter(IOptions<ManagementOptions> options) : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsLocal(http.Connection.RemoteIpAddress))
            return await next(context);

        var token = options.Value.Token;
        if (string.IsNullOrEmpty(token))
            return ManagementProblems.LoopbackOnly();

        if (!HasToken(http.Request, token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ManagementProblems.TokenRequired();
        }

        return await next(context);
    }

    public static bool IsLocal(IPAddress? remote)
    {
        if (remote is null)
            return true;
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote);
    }

    private static bool HasToken(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return false;

        // Constant-time, so the comparison does not reveal how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
