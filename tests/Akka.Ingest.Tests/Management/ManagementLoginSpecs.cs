using System.Net;
using System.Text.Json;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// The browser's login over HTTP: <c>POST /admin/login</c> trades the management token for a session cookie
/// (HttpOnly, SameSite=Strict, scoped to <c>/admin</c>, expiring; Secure on HTTPS) that every <c>/admin</c>
/// endpoint then accepts like the bearer token; a wrong token is a 401, repeated guesses a 429; logout ends the
/// session on the server. Requests look as if they came from 192.0.2.10, beyond loopback.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class ManagementLoginSpecs
{
    private const string Token = "login-s3cret";
    private static readonly IPAddress Remote = IPAddress.Parse("192.0.2.10");

    [Fact]
    public async Task Should_trade_the_token_for_an_HttpOnly_SameSite_Strict_cookie_that_expires_with_the_session()
    {
        await using var host = await StartAsync($"--Management:SessionLifetime=00:30:00");
        using var client = NewClient(host);

        var before = DateTimeOffset.UtcNow;
        using var login = await LoginAsync(client, Token, "/admin/pipeline");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/admin/pipeline", login.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        var attributes = Attributes(setCookie);
        Assert.StartsWith(ManagementSessions.CookieName + "=", setCookie);
        Assert.Contains("httponly", attributes.Keys);
        Assert.Equal("strict", attributes["samesite"], ignoreCase: true);
        Assert.Equal("/admin", attributes["path"]);
        Assert.DoesNotContain("secure", attributes.Keys);
        Assert.InRange(int.Parse(attributes["max-age"]), 1790, 1800);
        var expires = DateTimeOffset.Parse(attributes["expires"]);
        Assert.InRange(expires, before.AddMinutes(30).AddSeconds(-2), DateTimeOffset.UtcNow.AddMinutes(30).AddSeconds(2));
    }

    [Fact]
    public async Task Should_serve_every_admin_endpoint_to_the_session_cookie_as_to_the_bearer_token()
    {
        await using var host = await StartAsync();
        using var client = NewClient(host);
        var cookie = await SessionCookieAsync(client);

        foreach (var path in new[] { "/admin/actors", "/admin/system", "/admin/pipeline", "/admin/logs", "/admin/config", "/admin/dashboard" })
        {
            using var withCookie = new HttpRequestMessage(HttpMethod.Get, path);
            withCookie.Headers.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        }

        using var stream = new HttpRequestMessage(HttpMethod.Get, "/admin/dashboard/stream");
        stream.Headers.Add("Cookie", cookie);
        using var streamed = await client.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType?.MediaType);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/admin/system");
        forged.Headers.Add("Cookie", $"{ManagementSessions.CookieName}=not-a-session");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Should_answer_a_wrong_token_with_401_and_refuse_further_guesses_with_429()
    {
        await using var host = await StartAsync("--Management:LoginFailuresPerMinute=3");
        using var client = NewClient(host);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await LoginAsync(client, $"guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
            Assert.False(wrong.Headers.Contains("Set-Cookie"));
        }

        // The window is spent: even the right token waits, so guessing stays at three a minute.
        using var throttled = await LoginAsync(client, Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        using var problem = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Should_show_a_browser_the_login_page_with_a_401()
    {
        await using var host = await StartAsync();
        using var client = NewClient(host);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/admin/dashboard");
        page.Headers.Add("Accept", "text/html,application/xhtml+xml");
        using var response = await client.SendAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("action=\"/admin/login\"", html);
        Assert.Contains("name=\"return\" value=\"/admin/dashboard\"", html);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "nope", ["return"] = "/admin/dashboard" }),
        };
        wrong.Headers.Add("Accept", "text/html");
        using var refused = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("That is not the management token.", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_end_the_session_on_the_server_at_logout()
    {
        await using var host = await StartAsync();
        using var client = NewClient(host);
        var cookie = await SessionCookieAsync(client);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/admin/logout");
        logout.Headers.Add("Cookie", cookie);
        using var loggedOut = await client.SendAsync(logout);
        Assert.Equal(HttpStatusCode.SeeOther, loggedOut.StatusCode);
        Assert.Equal("/admin/login", loggedOut.Headers.Location?.OriginalString);
        var cleared = Attributes(Assert.Single(loggedOut.Headers.GetValues("Set-Cookie")));
        Assert.True(DateTimeOffset.Parse(cleared["expires"]) < DateTimeOffset.UtcNow);

        // A copy of the old cookie no longer opens anything.
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/admin/system");
        replay.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(replay)).StatusCode);
    }

    [Fact]
    public async Task Should_send_the_browser_back_only_to_a_page_under_admin()
    {
        await using var host = await StartAsync();
        using var client = NewClient(host);
        foreach (var target in new[] { "https://evil.example/", "//evil.example/admin", "/\\evil.example", "/admin/../events", "/elsewhere", "/admin/logout" })
        {
            using var login = await LoginAsync(client, Token, target);
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.Equal("/admin/dashboard", login.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public void Should_expire_a_session_after_its_lifetime()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
        var sessions = new ManagementSessions(Options.Create(new ManagementOptions { SessionLifetime = TimeSpan.FromMinutes(10) }), time);

        var (value, expires) = sessions.Open();
        Assert.Equal(time.Now.AddMinutes(10), expires);
        Assert.True(sessions.IsOpen(value));
        time.Now = time.Now.AddMinutes(10).AddSeconds(-1);
        Assert.True(sessions.IsOpen(value));
        time.Now = time.Now.AddSeconds(1);
        Assert.False(sessions.IsOpen(value));
        Assert.Equal(0, sessions.Count);
    }

    [Fact]
    public void Should_mark_the_cookie_Secure_when_the_request_came_over_HTTPS()
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var https = new DefaultHttpContext { Request = { Scheme = "https" } };
        var http = new DefaultHttpContext { Request = { Scheme = "http" } };

        Assert.True(LoginEndpoints.CookieOptionsFor(https.Request, expires).Secure);
        Assert.False(LoginEndpoints.CookieOptionsFor(http.Request, expires).Secure);
    }

    private static Task<IngestHost> StartAsync(params string[] args) =>
        IngestHost.StartAsync([$"--Management:Token={Token}", .. args],
            services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(Remote)));

    /// <summary>A client that shows redirects and cookies as they are, rather than following and keeping them.</summary>
    private static HttpClient NewClient(IngestHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.ManagementAddress };

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string token, string returnTo = "/admin/dashboard") =>
        client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["return"] = returnTo }));

    private static async Task<string> SessionCookieAsync(HttpClient client)
    {
        using var login = await LoginAsync(client, Token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        return Assert.Single(login.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    private static Dictionary<string, string> Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().Split('=', 2))
            .ToDictionary(kv => kv[0].ToLowerInvariant(), kv => kv.Length > 1 ? kv[1] : "");

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
