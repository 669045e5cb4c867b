namespace Akka.Ingest.Ctl;

/// <summary>
/// The host ingestctl talks to when a verb has no <c>--url</c>: the address given first on the command line
/// (<c>ingestctl 127.0.0.1:9110 actor hierarchy</c>, as pbm takes it), else the management port on loopback.
/// </summary>
public sealed record CtlTarget(Uri Address)
{
    /// <summary>The host's management listener (<c>Management:Port</c>), on loopback as the host binds it by default.</summary>
    public const string DefaultAddress = "http://127.0.0.1:9110";

    public static CtlTarget Default { get; } = new(new Uri(DefaultAddress));

    /// <summary><c>host:port</c> as the prompt shows it.</summary>
    public string Label => Address.Authority;

    /// <summary>
    /// True when <paramref name="argument"/> is an address rather than a verb: <c>host:port</c>, <c>[::1]:port</c>
    /// or an http(s) URL. Verbs never contain a colon.
    /// </summary>
    public static bool LooksLikeAddress(string argument) =>
        !argument.StartsWith('-') && argument.Contains(':');

    /// <summary>Parses <c>host:port</c> or an http(s) URL; null with <paramref name="error"/> when it is neither.</summary>
    public static CtlTarget? Parse(string argument, out string? error)
    {
        var isUrl = argument.Contains("://", StringComparison.Ordinal);
        var hasPort = System.Text.RegularExpressions.Regex.IsMatch(argument, @":\d{1,5}$");
        if ((isUrl || hasPort) && Uri.TryCreate(isUrl ? argument : "http://" + argument, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host))
        {
            error = null;
            return new CtlTarget(new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));
        }
        error = $"'{argument}' is not an address: give host:port (e.g. 127.0.0.1:9110) or an http:// URL.";
        return null;
    }
}
