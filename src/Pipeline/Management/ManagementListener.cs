using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Adds the management listener (<see cref="ManagementOptions.ListenerUrl"/>, loopback port 9110 by default) to
/// the addresses Kestrel binds, beside the public ones (<c>Urls</c>). Kestrel binds the configured <c>Urls</c> only
/// while its address list is empty, so they are listed here as the web host would list them, then the management
/// URL after them. A test server (no addresses to bind) has no management listener: it never serves
/// <c>/admin</c>.
/// </summary>
public static class ManagementListener
{
    public static void Bind(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.IsReadOnly)
            return;

        var management = app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        if (app.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
            throw new InvalidOperationException(
                "Kestrel:Endpoints would replace the management listener: configure the public addresses with Urls and the management one with Management:Host and Management:Port.");

        var publicUrls = addresses.Count > 0 ? addresses.ToList() : ConfiguredUrls(app.Configuration);
        foreach (var url in publicUrls)
        {
            if (PortOf(url) == management.Port)
                throw new InvalidOperationException(
                    $"The public address {url} uses Management:Port ({management.Port}): give the management listener a port of its own.");
        }

        addresses.Clear();
        foreach (var url in publicUrls)
            addresses.Add(url);
        addresses.Add(management.ListenerUrl);
    }

    /// <summary>True when the request came in on the management listener.</summary>
    public static bool IsManagementConnection(HttpContext context, ManagementOptions options) =>
        context.Connection.LocalPort == options.Port;

    /// <summary>
    /// <c>Urls</c>, else <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (as the web host expands them), else Kestrel's own
    /// default.
    /// </summary>
    private static List<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
            urls = $"{Expand(configuration[WebHostDefaults.HttpPortsKey], "http")};{Expand(configuration[WebHostDefaults.HttpsPortsKey], "https")}";
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return list.Count > 0 ? list : ["http://localhost:5000"];
    }

    private static string Expand(string? ports, string scheme) =>
        string.Join(';', (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(port => $"{scheme}://*:{port}"));

    private static int? PortOf(string url)
    {
        var normalized = url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) ? uri.Port : null;
    }
}
