using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;
using PuppeteerSharp;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// The dashboard behind a management token, in a real headless Chromium: the browser is shown the sign-in page,
/// a wrong token is refused on it, the right one opens the live dashboard through a cookie the page's script
/// cannot read, and signing out closes it again.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class DashboardLoginBrowserSpecs
{
    private const string Token = "browser-s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_open_the_dashboard_through_the_login_and_close_it_at_sign_out()
    {
        await using var host = await IngestHost.StartAsync([$"--Management:Token={Token}", "--Dashboard:SampleInterval=00:00:00.250"]);
        var profile = Directory.CreateTempSubdirectory("akka-ingest-chromium-");
        try
        {
            await using var browser = await HeadlessChromium.LaunchAsync(profile.FullName);
            await using var page = await browser.NewPageAsync();
            var dashboard = new Uri(host.ManagementAddress, "/admin/dashboard").ToString();

            var first = await page.GoToAsync(dashboard);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, first.Status);
            Assert.True(await page.EvaluateExpressionAsync<bool>("!!document.getElementById('login')"), "the browser is shown the sign-in form");

            await SignInAsync(page, "not-the-token");
            Assert.Contains("not the management token", await page.EvaluateExpressionAsync<string>("document.getElementById('login-error')?.textContent ?? ''"));

            var signedIn = await SignInAsync(page, Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, signedIn.Status);
            Assert.Equal(dashboard, page.Url);
            await UntilAsync(page, "Number(document.body.dataset.samples || 0) >= 2 && document.getElementById('connection').dataset.state === 'live'",
                "the dashboard streams samples over the session cookie");

            var cookie = Assert.Single(await page.GetCookiesAsync(), c => c.Name == ManagementSessions.CookieName);
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSite.Strict, cookie.SameSite);
            Assert.Equal("/admin", cookie.Path);
            Assert.InRange(cookie.Expires ?? 0, DateTimeOffset.UtcNow.AddHours(7).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(9).ToUnixTimeSeconds());
            Assert.DoesNotContain(ManagementSessions.CookieName, await page.EvaluateExpressionAsync<string>("document.cookie"));

            await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#signout"));
            Assert.True(await page.EvaluateExpressionAsync<bool>("!!document.getElementById('login')"), "sign-out returns to the sign-in form");
            var again = await page.GoToAsync(dashboard);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, again.Status);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static async Task<IResponse> SignInAsync(IPage page, string token)
    {
        await page.EvaluateExpressionAsync("document.getElementById('token').value = ''");
        await page.TypeAsync("#token", token);
        var navigation = page.WaitForNavigationAsync();
        await page.ClickAsync("#login button[type=submit]");
        return await navigation;
    }

    private static async Task UntilAsync(IPage page, string condition, string because)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await page.EvaluateExpressionAsync<bool>($"!!({condition})"))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not true within {Patience}: {because}. The page showed:\n{await page.EvaluateExpressionAsync<string>("document.body.innerText")}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
