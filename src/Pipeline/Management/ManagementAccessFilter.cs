using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Guards <c>/admin</c>. With <c>Management:Token</c> configured, every caller needs
/// <c>Authorization: Bearer {token}</c> or the cookie of a browser session opened with that token at
/// <c>/admin/login</c> (<see cref="ManagementSessions"/>); without either it gets 401, loopback included: a
/// same-host reverse proxy, a Unix socket or a DNS-rebound browser page all look local. A browser's page load
/// gets the sign-in page with that 401, anything else a JSON problem. Without a token, only loopback callers are
/// served (403 to the others); a connection without an IP peer (in-process test server, Unix socket) counts as
/// loopback.
/// </summary>
public sealed class ManagementAccessFilter(IOptions<ManagementOptions> options, ManagementSessions sessions) : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = options.Value.Token;
        if (string.IsNullOrEmpty(token))
            return IsLocal(http.Connection.RemoteIpAddress) ? await next(context) : ManagementProblems.LoopbackOnly();

        if (!HasToken(http.Request, token) && !sessions.IsOpen(http.Request.Cookies[ManagementSessions.CookieName]))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return LoginPage.IsWanted(http.Request)
                ? LoginPage.Render(http, LoginEndpoints.SafeReturn(http.Request.Path + http.Request.QueryString), null, StatusCodes.Status401Unauthorized)
                : ManagementProblems.TokenRequired();
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

    /// <summary>
    /// Compares SHA-256 digests in constant time: equal-length inputs whatever was offered, so the timing
    /// reveals neither how much of a guess was right nor the token's length.
    /// </summary>
    public static bool TokenMatches(string offered, string token) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool HasToken(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
               && TokenMatches(header[BearerPrefix.Length..].Trim(), token);
    }
}
