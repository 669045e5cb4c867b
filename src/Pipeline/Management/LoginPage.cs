using System.Net;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// The sign-in page a browser gets for <c>/admin</c> without a session: one password field for the management
/// token, posted to <c>/admin/login</c> with the page it came from. No script and nothing fetched from elsewhere.
/// </summary>
public static class LoginPage
{
    public static IResult Render(HttpContext context, string returnTo, string? error, int statusCode)
    {
        var admin = context.Request.PathBase + ManagementEndpoints.Prefix;
        var message = error is null ? "" : $"<p class=\"error\" id=\"login-error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Akka.Ingest · sign in</title>
              <style>
                body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #0d1117; color: #e6edf3; font: 14px system-ui, sans-serif; }
                form { width: 320px; padding: 24px; border: 1px solid #30363d; border-radius: 8px; background: #161b22; }
                h1 { font-size: 18px; margin: 0 0 4px; }
                p { color: #8b949e; margin: 0 0 16px; }
                label { display: block; margin-bottom: 6px; }
                input { box-sizing: border-box; width: 100%; padding: 8px; border: 1px solid #30363d; border-radius: 6px; background: #0d1117; color: inherit; }
                button { margin-top: 16px; width: 100%; padding: 8px; border: 0; border-radius: 6px; background: #238636; color: #fff; font-weight: 600; cursor: pointer; }
                .error { color: #f85149; }
              </style>
            </head>
            <body>
              <main>
                <form method="post" action="{{WebUtility.HtmlEncode(admin + "/login")}}" id="login">
                  <h1>Akka.Ingest</h1>
                  <p>Sign in with the management token (Management:Token).</p>
                  {{message}}
                  <label for="token">Token</label>
                  <input type="password" id="token" name="token" autocomplete="current-password" required autofocus>
                  <input type="hidden" name="return" value="{{WebUtility.HtmlEncode(returnTo)}}">
                  <button type="submit">Sign in</button>
                </form>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>True for a browser's page load, which gets this page instead of a JSON problem.</summary>
    public static bool IsWanted(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
