using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// The <c>Management</c> section: the management listener (<c>/admin</c>, the dashboard, health and metrics on a
/// port of their own), who may use <c>/admin</c>, and the log peek buffer.
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>pbm's port, and the address ingestctl asks when given none.</summary>
    public const int DefaultPort = 9110;

    public const string LoopbackHost = "127.0.0.1";

    /// <summary>The names a browser or ingestctl on the machine itself sends as <c>Host</c>.</summary>
    public const string LoopbackNames = "localhost;127.0.0.1;[::1]";

    /// <summary>
    /// The bearer token <c>/admin</c> requires from every caller. Unset (the default), the management endpoints
    /// answer loopback callers only, and <see cref="Host"/> must stay on loopback.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The management listener's port (never shared with the public API).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// The address the management listener binds: loopback by default; an address beyond it (<c>0.0.0.0</c>,
    /// <c>::</c>, an interface's address) requires <see cref="Token"/>.
    /// </summary>
    public string Host { get; set; } = LoopbackHost;

    /// <summary>
    /// The <c>Host</c> header values the management listener answers (<c>;</c>-separated, as ASP.NET's
    /// <c>AllowedHosts</c>: names without ports, <c>*.example.com</c>, or <c>*</c>); any other gets 400, so a page
    /// that DNS-rebinds its own name to 127.0.0.1 cannot read the management endpoints.
    /// </summary>
    public string AllowedHosts { get; set; } = LoopbackNames;

    /// <summary>How long a browser session opened at <c>/admin/login</c> lasts (its cookie expires with it).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong tokens one address may send to <c>/admin/login</c> per minute before it is refused (429).</summary>
    [Range(1, 10_000)]
    public int LoginFailuresPerMinute { get; set; } = 10;

    /// <summary>How many recent log events <c>/admin/logs</c> can show.</summary>
    [Range(1, 100_000)]
    public int LogCapacity { get; set; } = 1000;

    /// <summary>How long readiness waits for the store to answer a ping.</summary>
    public TimeSpan StorePingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The listener's URL, as Kestrel binds it.</summary>
    public string ListenerUrl => $"http://{(HostAddress() is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 ? $"[{v6}]" : Host)}:{Port}";

    /// <summary>True when <see cref="Host"/> is <c>localhost</c> or a loopback address.</summary>
    public bool IsLoopbackOnly =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) || (HostAddress() is { } address && IPAddress.IsLoopback(address));

    /// <summary><see cref="Host"/> is an IP address or <c>localhost</c> (a name would make Kestrel bind every interface).</summary>
    public bool HasValidHost => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) || HostAddress() is not null;

    /// <summary>The shortest token a listener beyond loopback accepts: one a network peer cannot guess.</summary>
    public const int ShortestNetworkToken = 24;

    /// <summary>Words of the placeholders shipped in examples (compose, the Kubernetes secret) and their like.</summary>
    private static readonly string[] PlaceholderWords = ["change-me", "changeme", "change_me", "replace-me", "replaceme", "placeholder", "your-token"];

    /// <summary>
    /// True when <see cref="Token"/> may guard a listener beyond loopback: at least <see cref="ShortestNetworkToken"/>
    /// characters and no placeholder. A placeholder left in place opens <c>/admin</c> to whoever read the example.
    /// </summary>
    public bool HasNetworkGradeToken =>
        Token is { Length: >= ShortestNetworkToken } token
        && !PlaceholderWords.Any(word => token.Contains(word, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> AllowedHostList =>
        AllowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private IPAddress? HostAddress() => IPAddress.TryParse(Host.Trim('[', ']'), out var address) ? address : null;
}
