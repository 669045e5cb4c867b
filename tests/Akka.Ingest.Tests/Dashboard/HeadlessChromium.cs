using PuppeteerSharp;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, installed by test.sh), headless, driven over the DevTools protocol.
/// Never downloads a browser: without the executable the spec fails and says how to install it. The flags keep
/// Chromium off the network (no background services, no component updates) on a machine that has none.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(string profileDirectory)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium is missing at {ExecutablePath}: install Debian's 'chromium' package (test.sh does so when it is missing).");

        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            UserDataDir = profileDirectory,
            DefaultViewport = new ViewPortOptions { Width = 1600, Height = 1000 },
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }
}
