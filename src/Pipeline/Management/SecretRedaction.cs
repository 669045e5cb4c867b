using System.Data.Common;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Hides secrets in configuration values shown by <c>/admin/config</c>: a setting whose name says it is a
/// secret is masked whole; in a connection string only the secret keys (Password, Pwd, …) are masked, so the
/// host and database stay readable. A connection string that cannot be parsed is masked whole. In a URL, whatever
/// the setting's name, the password of its user information (or the whole user information when it is a single
/// token) and the values of query parameters named as secrets are masked: a sink's server URL or a webhook carries
/// its credentials there. An Akka address's system name (<c>akka.tcp://akka-ingest@…</c>) is shown.
/// </summary>
public static class SecretRedaction
{
    public const string Mask = "***";

    // "psw" is Npgsql's third name for the password (Password, PWD, PSW).
    private static readonly string[] SecretWords = ["password", "pwd", "psw", "secret", "token", "apikey", "api-key", "api_key", "credential", "signature"];

    public static string? Redact(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return value;
        var name = key[(key.LastIndexOf(':') + 1)..];
        if (IsSecretName(name))
            return Mask;
        if (name.Contains("connectionstring", StringComparison.OrdinalIgnoreCase))
            return RedactConnectionString(value);
        return RedactUrl(value);
    }

    public static string RedactUrl(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.IsFile)
            return value;
        var authorityStart = schemeEnd + 3;
        var redacted = value;
        var at = value.IndexOf('@', authorityStart);
        var pathStart = value.IndexOfAny(['/', '?', '#'], authorityStart);
        if (at >= 0 && (pathStart < 0 || at < pathStart) && !IsActorSystemAddress(uri))
        {
            var userInfo = value[authorityStart..at];
            var colon = userInfo.IndexOf(':');
            var shown = colon >= 0 ? userInfo[..(colon + 1)] + Mask : Mask;
            redacted = value[..authorityStart] + shown + value[at..];
        }
        var query = redacted.IndexOf('?');
        if (query < 0)
            return redacted;
        var fragment = redacted.IndexOf('#', query);
        var end = fragment < 0 ? redacted.Length : fragment;
        var parameters = redacted[(query + 1)..end].Split('&').Select(parameter =>
            parameter.IndexOf('=') is var equals and > 0 && IsSecretName(parameter[..equals]) ? parameter[..(equals + 1)] + Mask : parameter);
        return redacted[..(query + 1)] + string.Join('&', parameters) + redacted[end..];
    }

    /// <summary>
    /// An Akka address (<c>akka.tcp://akka-ingest@node1:4053</c>, a seed node): what stands before the <c>@</c> is the
    /// actor system's name, not a credential.
    /// </summary>
    private static bool IsActorSystemAddress(Uri uri) =>
        uri.Scheme == "akka" || uri.Scheme.StartsWith("akka.", StringComparison.Ordinal);

    public static string RedactConnectionString(string connectionString)
    {
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return Mask;
        }

        var secrets = builder.Keys.Cast<string>().Where(IsSecretName).ToArray();
        if (secrets.Length == 0)
            return connectionString;
        // Rebuilding normalises the keys' case; only a string that held a secret is rebuilt.
        foreach (var key in secrets)
            builder[key] = Mask;
        return builder.ConnectionString;
    }

    private static bool IsSecretName(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
