using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// The browser's way past <see cref="ManagementAccessFilter"/>: <c>GET /admin/login</c> shows the sign-in page,
/// <c>POST /admin/login</c> trades the management token (a form field) for a session cookie (HttpOnly,
/// SameSite=Strict, scoped to <c>/admin</c>, expiring with the session, Secure on HTTPS) and returns to the page
/// asked for; <c>POST /admin/logout</c> closes the session. A browser cannot send a bearer token with a page
/// load or an <c>EventSource</c>; the cookie it sends by itself. Outside the access filter: they are how one
/// gets in.
/// </summary>
public static class LoginEndpoints
{
    public const string DefaultReturn = ManagementEndpoints.Prefix + "/dashboard";

    public static RouteGroupBuilder MapLogin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/login", ShowLogin);
        admin.MapPost("/login", LoginAsync);
        admin.MapPost("/logout", Logout);
        return admin;
    }

    /// <summary>The cookie's attributes: Secure when the request itself came over HTTPS.</summary>
    public static CookieOptions CookieOptionsFor(HttpRequest request, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = request.PathBase + ManagementEndpoints.Prefix,
        Expires = expires,
        MaxAge = expires - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        IsEssential = true,
    };

    private static IResult ShowLogin(HttpContext context, string? @return, IOptions<ManagementOptions> options) =>
        string.IsNullOrEmpty(options.Value.Token)
            ? Results.Redirect(context.Request.PathBase + SafeReturn(@return))
            : LoginPage.Render(context, SafeReturn(@return), null, StatusCodes.Status200OK);

    private static async Task<IResult> LoginAsync(
        HttpContext context, IOptions<ManagementOptions> options, ManagementSessions sessions, LoginThrottle throttle, ILogger<ManagementSessions> log)
    {
        var token = options.Value.Token;
        if (string.IsNullOrEmpty(token))
            return ManagementProblems.NoLoginWithoutToken();
        if (!context.Request.HasFormContentType)
            return ManagementProblems.LoginNeedsForm();

        var remote = context.Connection.RemoteIpAddress;
        if (throttle.WaitFor(remote) is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ManagementProblems.TooManyLogins(wait);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnTo = SafeReturn(form["return"]);
        if (!ManagementAccessFilter.TokenMatches(form["token"].ToString(), token))
        {
            throttle.RecordFailure(remote);
            log.LogWarning("Management login refused: wrong token from {Remote}", remote?.ToString() ?? "local");
            return WantsPage(context.Request)
                ? LoginPage.Render(context, returnTo, "That is not the management token.", StatusCodes.Status401Unauthorized)
                : ManagementProblems.WrongToken();
        }

        var (value, expires) = sessions.Open();
        context.Response.Cookies.Append(ManagementSessions.CookieName, value, CookieOptionsFor(context.Request, expires));
        log.LogInformation("Management login from {Remote}; the session expires at {Expires:u}", remote?.ToString() ?? "local", expires);
        return new SeeOther(context.Request.PathBase + returnTo);
    }

    private static IResult Logout(HttpContext context, ManagementSessions sessions)
    {
        sessions.Close(context.Request.Cookies[ManagementSessions.CookieName]);
        context.Response.Cookies.Delete(ManagementSessions.CookieName, CookieOptionsFor(context.Request, DateTimeOffset.UnixEpoch));
        return new SeeOther(context.Request.PathBase + ManagementEndpoints.Prefix + "/login");
    }

    /// <summary>
    /// Where a login may send the browser: a path under <c>/admin</c> on this listener, never another site
    /// (<c>//evil.example</c>, <c>/\evil.example</c>, a full URL); anything else goes to the dashboard.
    /// </summary>
    public static string SafeReturn(string? returnTo)
    {
        if (string.IsNullOrEmpty(returnTo) || returnTo.Length > 2048)
            return DefaultReturn;
        var path = returnTo.Split('?', 2)[0];
        var safe = returnTo.StartsWith(ManagementEndpoints.Prefix + "/", StringComparison.Ordinal)
                   && !returnTo.Contains('\\') && !returnTo.Contains("//", StringComparison.Ordinal)
                   && !path.Split('/').Contains("..") && !returnTo.Any(char.IsControl)
                   && path is not (ManagementEndpoints.Prefix + "/login") and not (ManagementEndpoints.Prefix + "/logout");
        return safe ? returnTo : DefaultReturn;
    }

    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>303: after a form post the browser asks for the next page with GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
